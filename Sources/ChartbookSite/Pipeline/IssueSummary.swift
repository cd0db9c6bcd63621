import ChartbookCharts
import ChartbookCore
import ChartbookMarkdown
import Foundation

/// What the site-wide pages need of one issue once its own files are written: enough for the
/// index, tag pages, feeds and sitemap, and nothing heavier (an archive of 1,000 issues never sits
/// in memory).
public struct IssueSummary: Sendable {
    public struct Lead: Sendable {
        public var svgName: String
        public var title: String
        public var width: Double
        public var height: Double
    }

    public var issue: Issue
    public var lead: Lead?
    public var charts: Int
    public var warnings: [Diagnostic]
    /// The article as feeds carry it (charts as images); kept only for the newest issues.
    public var feedHTML: String?
}
