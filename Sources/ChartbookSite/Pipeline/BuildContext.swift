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
    /// Where files go as soon as they are made.
    public var sink = OutputSink()
    /// Incremental builds: unchanged issues are carried over from the previous output. Set when
    /// the issues are loaded, from `pageCacheLoader`, which reads it while config and data load.
    var pageCache: PageCache?
    var pageCacheLoader: BackgroundValue<PageCache>?
    /// The site config and catalog as text, part of every page's cache key.
    var sharedInputs: [String] = []
    /// Digest of what every page shares (layouts, config, catalog, build options, engine).
    var sharedKey = ""
    /// Keys of the site-wide pages (see `SiteWidePages.swift`), set once every issue is summarised.
    var listingKey = "", feedsKey = ""
    /// The cache record of every issue in this build (rendered or carried over), written once the output is in place.
    var pageRecords: [String: PageCache.Manifest] = [:]
    /// The issues' record lines, being encoded while the site-wide pages are made; `pageRecords` then holds the rest.
    var encodingIssueRecords: BackgroundValue<[UInt8]>?
    /// How many issues were carried over unchanged.
    public var reused = 0
    public var chartCount = 0
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
