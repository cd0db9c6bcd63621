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
    public var files: [OutputFile] = []
    public var chartCount = 0
    /// Problems that do not stop a build unless it is strict (false claims).
    public var warnings: [Diagnostic] = []
    /// Fail on warnings too (CI).
    public var strict = false
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

    public init(project: Project, strict: Bool = false) {
        self.project = project
        self.strict = strict
    }

    /// Summary of a finished build.
    public struct Summary: Sendable {
        public var issues: Int
        public var pages: Int
        public var charts: Int
        public var warnings: [Diagnostic]
    }

    public static let steps: [BuildStep] = [
        BuildStep(name: "config", run: loadConfig),
        BuildStep(name: "data", run: loadData),
        BuildStep(name: "templates", run: loadTemplates),
        BuildStep(name: "issues", run: loadIssues),
        BuildStep(name: "pages", run: renderIssues),
        BuildStep(name: "index", run: renderIndex),
        BuildStep(name: "assets", run: copyAssets),
    ]

    /// Runs every step, then swaps the finished site into the output folder. On any error the
    /// previous output is left untouched.
    @discardableResult
    public func build() throws(SourceError) -> Summary {
        var context = try render()
        context.files.append(OutputFile(path: ".gitkeep", contents: ""))
        try OutputWriter.publish(context.files, to: project.output)
        return Summary(issues: context.issues.count, pages: context.files.filter { $0.path.hasSuffix(".html") }.count,
                       charts: context.chartCount, warnings: context.warnings)
    }

    /// Runs the steps without writing anything (for tests and `check`).
    public func render() throws(SourceError) -> BuildContext {
        var context = BuildContext(project: project)
        context.strict = strict
        for step in SiteBuilder.steps { try step.run(&context) }
        if strict, let first = context.warnings.first { throw SourceError(first.location, first.message + " (--strict)") }
        return context
    }

    // MARK: - Steps

    static func readText(_ url: URL, project: Project) throws(SourceError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SourceError(SourceLocation(file: project.display(url)), "file is missing or unreadable")
        }
        guard let text = String(bytes: data, encoding: .utf8) else {
            throw SourceError(SourceLocation(file: project.display(url), line: 1), "file is not valid UTF-8 text")
        }
        // Templates written on Windows: one line ending everywhere keeps line numbers and fences simple.
        return text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }

    static func loadConfig(_ context: inout BuildContext) throws(SourceError) {
        let url = context.project.templates.appendingPathComponent("site.yaml")
        context.config = try SiteConfig(yaml: readText(url, project: context.project), file: context.project.display(url))
    }

    static func loadData(_ context: inout BuildContext) throws(SourceError) {
        let url = context.project.data.appendingPathComponent("catalog.yaml")
        let catalog = try Catalog(yaml: readText(url, project: context.project), path: context.project.display(url))
        context.store = try DataStore.load(catalog: catalog, dataDirectory: context.project.data, displayPrefix: "Data/")
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
        context.issues = try loadMarkdown(folder: "issues", kind: .issue, project: context.project)
            .sorted { ($0.frontMatter.date, $0.source.stem) > ($1.frontMatter.date, $1.source.stem) }
        context.pages = try loadMarkdown(folder: "pages", kind: .page, project: context.project)
    }

    static func loadMarkdown(folder: String, kind: Issue.Kind, project: Project) throws(SourceError) -> [Issue] {
        var issues: [Issue] = []
        for url in files(in: project.templates.appendingPathComponent(folder), extensions: ["md"]) {
            let display = project.display(url)
            let stem = url.deletingPathExtension().lastPathComponent
            guard !stem.isEmpty, stem.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw SourceError(SourceLocation(file: display), "issue file names become URLs: use lower-case letters, digits and hyphens only")
            }
            let text = try readText(url, project: project)
            let (matter, body, bodyLine) = try FrontMatter.split(text, file: display)
            // Blank lines stand in for the front matter so template line numbers match the file.
            let padded = String(repeating: "\n", count: bodyLine - 1) + body
            issues.append(Issue(kind: kind, source: TemplateSourceInfo(display: display, stem: stem), frontMatter: matter, body: padded, bodyLine: bodyLine))
        }
        return issues
    }

    static func renderIssues(_ context: inout BuildContext) throws(SourceError) {
        guard let store = context.store, let templates = context.templates, let config = context.config else { return }
        let all = context.issues + context.pages
        for issue in all {
            let editions = all.filter { other in issue.frontMatter.translationKey.map { $0 == other.frontMatter.translationKey } ?? (other.source.stem == issue.source.stem) }
            let rendered = try IssueRenderer(store: store, templates: templates, config: config).render(issue, editions: editions)
            context.files += rendered.files
            context.chartCount += rendered.charts
            context.warnings += rendered.falseClaims
        }
    }

    static func renderIndex(_ context: inout BuildContext) throws(SourceError) {
        guard let templates = context.templates, let config = context.config else { return }
        let language = config.language
        let format = LocaleFormatter(language: language)
        // The index lists the site's own language; other editions are linked from each entry.
        let listed = context.issues.filter { $0.frontMatter.language == language }
        let entries: [[String: Any]] = listed.map { issue in
            let others = context.issues.filter { $0.frontMatter.language != language && $0.frontMatter.translationKey != nil
                && $0.frontMatter.translationKey == issue.frontMatter.translationKey }
            return ["title": issue.frontMatter.title, "date": format.date(issue.frontMatter.date), "iso_date": issue.frontMatter.date.description,
                    "summary": issue.frontMatter.summary, "url": issue.outputPath + "/", "lang": issue.frontMatter.language.htmlTag,
                    "editions": others.map { ["url": $0.outputPath + "/", "lang": $0.frontMatter.language.htmlTag, "title": $0.frontMatter.title,
                                               "name": PageLabels.languageName($0.frontMatter.language)] }]
        }
        let page: [String: Any] = [
            "site_title": config.title.text(language), "site_description": config.description.text(language),
            "lang": language.htmlTag, "root": "", "title": config.title.text(language), "issues": entries,
        ]
        try requireLayout("index", templates)
        context.files.append(OutputFile(path: "index.html", contents: templates.render("index", context: page)))
    }

    static func copyAssets(_ context: inout BuildContext) throws(SourceError) {
        let folder = context.project.templates.appendingPathComponent("assets")
        for url in files(in: folder, extensions: ["css"]) {
            context.files.append(OutputFile(path: url.lastPathComponent, contents: try readText(url, project: context.project)))
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
