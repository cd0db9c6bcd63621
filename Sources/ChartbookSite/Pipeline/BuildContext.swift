import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown
import Foundation

/// What the build steps share: each step reads what earlier steps put here and adds its own part.
public struct BuildContext: Sendable {
    public let project: Project
    public var config: SiteConfig?
    public var store: DataStore?
    var templates: TemplateSet?
    public var issues: [Issue] = []
    /// Standalone pages (e.g. the chart gallery), built like issues but not listed.
    public var pages: [Issue] = []
    /// What the index, tags, feeds and sitemap need of each issue and page, in order.
    public var summaries: [IssueSummary] = []
    /// Issues and pages not yet out (`draft: true`, or `publish_at` still ahead), built only with
    /// `SiteBuilder.includeDrafts`: rendered with a banner, never listed, fed, mapped or emailed.
    public var drafts: [Issue] = []
    /// The languages with a home page: the site's, then any other that a published issue is written in.
    var languages: [EditionLanguage] = []
    /// The site's tags: spellings, slugs, and warnings about tags written two ways.
    var tags = TagDirectory(issues: [])
    /// Build with drafts (`build --drafts`, `serve`).
    public var includeDrafts = false
    /// The moment that decides whether a scheduled issue is out, in seconds since 1970.
    public var now = 0
    /// Where files go as soon as they are made.
    public var sink = OutputSink()
    /// Incremental builds (page records, carried-over files); nil for a build that keeps nothing.
    var incremental: IncrementalBuild?
    /// How many issues and pages were carried over unchanged.
    public var reused: Int { incremental?.reused ?? 0 }
    public var chartCount = 0
    /// Where the publishing step reports issues done (see `SiteBuilder.itemProgress`).
    var itemProgress: (@Sendable (BuildProgress) -> Void)?
    /// Problems that do not stop a build unless it is strict (false claims, oversized emails).
    public var warnings: [Diagnostic] = []
    /// Things the author should know that are not problems with the input (a missing rasterizer).
    public var notes: [String] = []
    /// Fail on warnings too (CI).
    public var strict = false
    /// Draws chart PNGs for emails and social cards; nil when none is installed.
    public var rasterizer: Rasterizer?
    /// Where expensive results are kept between builds; nil for a build that keeps nothing.
    public var cache: BuildCache?
    var hasPNG: Bool { rasterizer != nil }
}
