import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown
import Foundation

/// The build pipeline: config → data → templates → issues → pages → index → assets → publish.
public struct SiteBuilder: Sendable {
    public let project: Project
    /// With `strict`, a warning (a claim the data no longer supports) fails the build.
    public var strict: Bool
    /// Draw PNGs (email, social cards) when a rasterizer is installed.
    public var rasterize: Bool
    /// Told the name of each step as it starts, for progress on a terminal.
    public var progress: (@Sendable (String) -> Void)?
    /// Told, inside the long step, how many issues and pages are done of how many, and how many charts
    /// they drew; called from the worker threads, often (the caller throttles).
    public var itemProgress: (@Sendable (BuildProgress) -> Void)?
    /// Build drafts and issues scheduled for later too, with a banner (`build --drafts`, `serve`).
    public var includeDrafts = false
    /// The moment that decides whether an issue with `publish_at` is out (seconds since 1970; default: now).
    /// Issues without `publish_at` do not depend on it, so builds stay byte-identical over time.
    public var now = Int(Date().timeIntervalSince1970)
    /// Keep expensive results (chart PNGs) in `<project>/.chartbook-cache/` between builds.
    public var useCache = true

    public init(project: Project, strict: Bool = false, rasterize: Bool = true) {
        self.project = project
        self.strict = strict
        self.rasterize = rasterize
    }

    /// Summary of a finished build.
    public struct Summary: Sendable {
        public var issues: Int
        public var pages: Int
        public var charts: Int
        public var warnings: [Diagnostic]
        public var notes: [String]
        /// Issues and pages carried over unchanged from the previous build.
        public var reused: Int
    }

    public static let steps: [BuildStep] = [
        BuildStep(name: "config", run: loadConfig),
        BuildStep(name: "data", run: loadData),
        BuildStep(name: "templates", run: loadTemplates),
        BuildStep(name: "issues", run: loadIssues),
        BuildStep(name: "articles", run: publishIssues),
        BuildStep(name: "site pages", run: writeSitePages),
        BuildStep(name: "assets", run: copyAssets),
    ]

    /// Runs every step, then swaps the finished site into the output folder. On any error the
    /// previous output is left untouched.
    @discardableResult
    ///
    /// What survives a kill, step by step (the README's "What survives a kill"): before the swap,
    /// the live output and its records are untouched (staging becomes the spare next time); the
    /// records are removed just before the swap, so from the swap until new records are saved the
    /// next build renders everything; the swap itself is one rename.
    public func build() throws(SourceError) -> Summary {
        try OutputGuard.check(project)
        let cacheFolder = project.root.appendingPathComponent(".chartbook-cache")
        let lock = try BuildLock(cacheFolder: cacheFolder) { [progress] in progress?("waiting for another build of this project") }
        defer { withExtendedLifetime(lock) {} }
        let staging = try OutputWriter.prepareStaging(for: project.output)
        var context: BuildContext
        let incremental = useCache ? IncrementalBuild(file: cacheFolder.appendingPathComponent("pages.tsv"), output: project.output) : nil
        do {
            context = try run(into: OutputSink(staging: staging.url, live: project.output), incremental: incremental)
            try OutputGuard.mark(context.sink)
            // Records of the output about to be replaced must not outlive it.
            incremental?.invalidate()
        } catch {
            OutputWriter.abandon(staging, for: project.output)
            throw error
        }
        context.sink.removeStale()
        progress?("publish")
        try OutputWriter.swap(staging.url, into: project.output)
        progress?("record")
        if let failure = incremental?.save() { context.notes.append(failure) }
        progress?("done")
        return Summary(issues: context.issues.count, pages: context.sink.allPaths.filter { $0.hasSuffix(".html") }.count,
                       charts: context.chartCount, warnings: context.warnings, notes: context.notes, reused: context.reused)
    }

    /// Runs the steps keeping every file in memory, writing nothing (for tests and benchmarks).
    public func render() throws(SourceError) -> BuildContext {
        try run(into: OutputSink())
    }

    func run(into sink: OutputSink, incremental: IncrementalBuild? = nil) throws(SourceError) -> BuildContext {
        var context = BuildContext(project: project)
        context.sink = sink
        context.incremental = incremental
        context.itemProgress = itemProgress
        context.includeDrafts = includeDrafts
        context.now = now
        context.strict = strict
        if useCache { context.cache = BuildCache(folder: project.root.appendingPathComponent(".chartbook-cache")) }
        if rasterize {
            context.rasterizer = Rasterizer.find()
            if context.rasterizer == nil {
                context.notes.append("cairo not found: chart PNGs, email editions and social-card images are skipped (apt-get install libcairo2 fonts-noto-cjk); the web site is built as usual")
            }
        }
        for step in SiteBuilder.steps {
            progress?(step.name)
            try step.run(&context)
            if step.name == "config", let config = context.config, config.baseURLIsPlaceholder {
                context.notes.append("base_url (\(config.baseURL)) is a placeholder: feeds, the sitemap and emails will point nowhere; set it in Templates/site.yaml before publishing")
            }
        }
        if strict, let first = context.warnings.first { throw SourceError(first.location, first.message + " (--strict)") }
        return context
    }
}
