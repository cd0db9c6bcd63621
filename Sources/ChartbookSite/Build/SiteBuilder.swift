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

/// A named stage of the build, so progress and timing can be reported per stage.
public struct BuildStep: Sendable {
    public let name: String
    let run: @Sendable (inout BuildContext) throws(SourceError) -> Void
}

/// The build pipeline: config → data → templates → issues → pages → index → assets → publish.
public struct SiteBuilder: Sendable {
    public let project: Project
    /// With `strict`, a warning (a claim the data no longer supports) fails the build.
    public var strict: Bool
    /// Draw PNGs (email, social cards) when a rasterizer is installed.
    public var rasterize: Bool
    /// Told the name of each step as it starts, for progress on a terminal.
    public var progress: (@Sendable (String) -> Void)?
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
        let pages = useCache ? PageCache.loader(file: cacheFolder.appendingPathComponent("pages.tsv"), output: project.output) : nil
        do {
            context = try run(into: OutputSink(staging: staging.url, live: project.output), pageCache: pages)
            try OutputGuard.mark(context.sink)
            // Records of the output about to be replaced must not outlive it.
            (context.pageCache ?? pages?.value)?.invalidate()
        } catch {
            OutputWriter.abandon(staging, for: project.output)
            throw error
        }
        context.sink.removeStale()
        progress?("publish")
        try OutputWriter.swap(staging.url, into: project.output)
        progress?("record")
        if let cache = context.pageCache, let output = cache.outputManifest() {
            context.pageRecords[PageCache.outputRecord] = output
            let failure = if let pending = context.encodingIssueRecords {
                cache.save(PageCacheFile.file(pending.value, PageCacheFile.records(context.pageRecords)))
            } else {
                cache.save(context.pageRecords)
            }
            if let failure { context.notes.append(failure) }
        }
        progress?("done")
        return Summary(issues: context.issues.count, pages: context.sink.allPaths.filter { $0.hasSuffix(".html") }.count,
                       charts: context.chartCount, warnings: context.warnings, notes: context.notes, reused: context.reused)
    }

    /// Runs the steps keeping every file in memory, writing nothing (for tests and benchmarks).
    public func render() throws(SourceError) -> BuildContext {
        try run(into: OutputSink())
    }

    func run(into sink: OutputSink, pageCache: BackgroundValue<PageCache>? = nil) throws(SourceError) -> BuildContext {
        var context = BuildContext(project: project)
        context.sink = sink
        context.pageCacheLoader = pageCache
        context.strict = strict
        if useCache { context.cache = BuildCache(folder: project.root.appendingPathComponent(".chartbook-cache")) }
        if rasterize {
            context.rasterizer = Rasterizer.find()
            if context.rasterizer == nil {
                context.notes.append("rsvg-convert not found: chart PNGs, email editions and social-card images are skipped (apt-get install librsvg2-bin fonts-noto-cjk); the web site is built as usual")
            }
        }
        for step in SiteBuilder.steps {
            progress?(step.name)
            try step.run(&context)
        }
        if strict, let first = context.warnings.first { throw SourceError(first.location, first.message + " (--strict)") }
        return context
    }

    // MARK: - Steps

    /// Templates and configuration larger than this are refused (a stray multi-gigabyte file
    /// should fail with a message, not exhaust memory).
    static let maxTemplateBytes = 16 << 20

    static func readText(_ url: URL, project: Project) throws(SourceError) -> String {
        let display = project.display(url)
        try project.checkInside(url, display: display)
        var data: [UInt8]
        do {
            data = try RegularFile.read(url.path, limit: maxTemplateBytes)
        } catch let failure {
            if case .tooLarge(let size, _) = failure {
                throw SourceError(SourceLocation(file: display), "file is \(size) bytes; templates and settings may be at most \(maxTemplateBytes) bytes")
            }
            throw SourceError(SourceLocation(file: display), "file \(failure)")
        }
        // A byte-order mark (some Windows editors write one) is not part of the text.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw SourceError(SourceLocation(file: display, line: 1), "file is not valid UTF-8 text")
        }
        // Templates written on Windows: one line ending everywhere keeps line numbers and fences simple.
        let hasCR = data.withUnsafeBufferPointer { $0.baseAddress.map { memchr($0, 13, data.count) != nil } ?? false }
        let unified = hasCR ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        // Control characters (an escape sequence pasted from a terminal) cannot appear in HTML or XML: dropped.
        let hasControl = data.contains { $0 < 32 && $0 != 9 && $0 != 10 && $0 != 13 || $0 == 0x7F || $0 == 0xC2 }
        return hasControl ? Escape.plainText(unified) : unified
    }

    static func loadConfig(_ context: inout BuildContext) throws(SourceError) {
        let url = context.project.templates.appendingPathComponent("site.yaml")
        let text = try readText(url, project: context.project)
        context.sharedInputs.append(text)
        context.config = try SiteConfig(yaml: text, file: context.project.display(url))
    }

    static func loadData(_ context: inout BuildContext) throws(SourceError) {
        let url = context.project.data.appendingPathComponent("catalog.yaml")
        let text = try readText(url, project: context.project)
        context.sharedInputs.append(text)
        let catalog = try Catalog(yaml: text, path: context.project.display(url))
        // Parsed data is kept between builds (keyed by each file's bytes and how it is read) unless the build keeps nothing.
        let parsed = context.cache.map { ParsedDataCache(folder: $0.folder.appendingPathComponent("data"), salt: EngineIdentity.current) }
        context.store = try DataStore.load(catalog: catalog, dataDirectory: context.project.data, displayPrefix: "Data/", cache: parsed)
    }

    /// Layouts (`layouts/*.html`) and partials (`partials/*.md`), each registered under its file name
    /// without extension (`{{> japan}}`, `{{< base}}`), which must therefore be unique across both folders.
    static func loadTemplates(_ context: inout BuildContext) throws(SourceError) {
        var sources: [TemplateSource] = []
        for folder in ["layouts", "partials"] {
            for url in files(in: context.project.templates.appendingPathComponent(folder), extensions: ["html", "md"]) {
                let name = url.deletingPathExtension().lastPathComponent
                let display = context.project.display(url)
                if let other = sources.first(where: { $0.name == name }) {
                    throw SourceError(SourceLocation(file: display), "template name '\(name)' is also used by \(other.display); names must be unique")
                }
                sources.append(TemplateSource(name: name, display: display, text: try readText(url, project: context.project),
                                              isPartial: folder == "partials"))
            }
        }
        context.templates = try TemplateSet(sources: sources)
    }

    static func loadIssues(_ context: inout BuildContext) throws(SourceError) {
        context.pageCache = context.pageCacheLoader?.value
        let ids = context.store?.catalog.ids ?? []
        context.issues = try loadMarkdown(folder: "issues", kind: .issue, project: context.project, cache: context.pageCache,
                                          templates: context.templates, catalogIDs: ids)
            .sorted { ($0.frontMatter.date, $0.source.stem) > ($1.frontMatter.date, $1.source.stem) }
        context.pages = try loadMarkdown(folder: "pages", kind: .page, project: context.project, cache: context.pageCache,
                                         templates: context.templates, catalogIDs: ids)
    }

    static func loadMarkdown(folder: String, kind: Issue.Kind, project: Project, cache: PageCache? = nil,
                             templates: TemplateSet? = nil, catalogIDs: [String] = []) throws(SourceError) -> [Issue] {
        let urls = files(in: project.templates.appendingPathComponent(folder), extensions: ["md"])
        // Reading and parsing front matter is independent per file: both cores, results in file order.
        let results = ConcurrentResults<Issue>(count: urls.count)
        DispatchQueue.concurrentPerform(iterations: urls.count) { i in
            do throws(SourceError) {
                results.set(i, .success(try loadIssue(urls[i], kind: kind, project: project, cache: cache, templates: templates, catalogIDs: catalogIDs)))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var issues: [Issue] = []
        for i in urls.indices { if let result = results.get(i) { issues.append(try result.get()) } }
        return issues
    }

    static func loadIssue(_ url: URL, kind: Issue.Kind, project: Project) throws(SourceError) -> Issue {
        let display = project.display(url)
        let stem = url.deletingPathExtension().lastPathComponent
        guard !stem.isEmpty, stem.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw SourceError(SourceLocation(file: display), "issue file names become URLs: use lower-case letters, digits and hyphens only")
        }
        let text = try readText(url, project: project)
        let (matter, body, bodyLine) = try FrontMatter.split(text, file: display)
        // Blank lines stand in for the front matter so template line numbers match the file.
        let padded = String(repeating: "\n", count: bodyLine - 1) + body
        return Issue(kind: kind, source: TemplateSourceInfo(display: display, stem: stem), frontMatter: matter, body: padded, bodyLine: bodyLine)
    }

    static func copyAssets(_ context: inout BuildContext) throws(SourceError) {
        let folder = context.project.templates.appendingPathComponent("assets")
        for url in files(in: folder, extensions: ["css"]) {
            try context.sink.write(url.lastPathComponent, try readText(url, project: context.project))
        }
    }

    static func requireLayout(_ name: String, _ templates: TemplateSet) throws(SourceError) {
        guard let source = templates.sources[name] else {
            throw SourceError(SourceLocation(file: "Templates/layouts/\(name).html"), "layout '\(name)' is missing")
        }
        try templates.check(source, catalog: Catalog.empty)
    }

    /// Regular files with one of `extensions` directly in `folder`, sorted by name for a deterministic build.
    static func files(in folder: URL, extensions: Set<String>) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") && extensions.contains(($0 as NSString).pathExtension) }
            .map { folder.appendingPathComponent($0) }
    }
}
