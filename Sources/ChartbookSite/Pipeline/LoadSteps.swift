import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown
import Foundation

/// The steps that read the project: site config, data, templates and issues, and the assets copied as they are.
extension SiteBuilder {
    static func loadConfig(_ context: inout BuildContext) throws(SourceError) {
        let url = context.project.templates.appendingPathComponent("site.yaml")
        let text = try context.project.readText(url)
        context.incremental?.addSharedInput(text)
        context.config = try SiteConfig(yaml: text, file: context.project.display(url))
    }

    static func loadData(_ context: inout BuildContext) throws(SourceError) {
        let (catalog, text) = try context.project.loadCatalog()
        context.incremental?.addSharedInput(text)
        // Parsed data is kept between builds (keyed by each file's bytes and how it is read) unless the build keeps nothing.
        let parsed = context.cache.map { ParsedDataCache(folder: $0.folder.appendingPathComponent("data"), salt: EngineIdentity.current) }
        context.store = try context.project.loadData(catalog, cache: parsed)
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
                sources.append(TemplateSource(name: name, display: display, text: try context.project.readText(url),
                                              isPartial: folder == "partials"))
            }
        }
        context.templates = try TemplateSet(sources: sources)
    }

    static func loadIssues(_ context: inout BuildContext) throws(SourceError) {
        let ids = context.store?.catalog.ids ?? []
        context.issues = try loadMarkdown(folder: "issues", kind: .issue, project: context.project, cache: context.incremental?.previous,
                                          templates: context.templates, catalogIDs: ids)
            .sorted { ($0.frontMatter.date, $0.source.stem) > ($1.frontMatter.date, $1.source.stem) }
        context.pages = try loadMarkdown(folder: "pages", kind: .page, project: context.project, cache: context.incremental?.previous,
                                         templates: context.templates, catalogIDs: ids)
        // Drafts and issues scheduled for later are left out, or set aside to be built with a banner.
        let now = context.now
        let unpublished = (context.issues + context.pages).filter { !$0.frontMatter.isPublished(at: now) }
        if !unpublished.isEmpty {
            context.issues.removeAll { !$0.frontMatter.isPublished(at: now) }
            context.pages.removeAll { !$0.frontMatter.isPublished(at: now) }
            if context.includeDrafts { context.drafts = unpublished }
        }
        let site = context.config?.language ?? .zh
        context.languages = [site] + Set(context.issues.map(\.frontMatter.language)).subtracting([site]).sorted { $0.rawValue < $1.rawValue }
        // One tag per subject, whatever its case or width (see `TagDirectory`).
        let tags = TagDirectory(issues: context.issues + context.pages + context.drafts)
        context.issues = context.issues.map(tags.canonicalize)
        context.pages = context.pages.map(tags.canonicalize)
        context.drafts = context.drafts.map(tags.canonicalize)
        context.tags = tags
    }

    static func loadMarkdown(folder: String, kind: Issue.Kind, project: Project, cache: PageRecords? = nil,
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
        let text = try project.readText(url)
        let (matter, body, bodyLine) = try FrontMatter.split(text, file: display)
        // Blank lines stand in for the front matter so template line numbers match the file.
        let padded = String(repeating: "\n", count: bodyLine - 1) + body
        return Issue(kind: kind, source: TemplateSourceInfo(display: display, stem: stem), frontMatter: matter, body: padded, bodyLine: bodyLine)
    }

    static func copyAssets(_ context: inout BuildContext) throws(SourceError) {
        let folder = context.project.templates.appendingPathComponent("assets")
        for url in files(in: folder, extensions: ["css", "js"]) {
            try context.sink.write(url.lastPathComponent, try context.project.readText(url))
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
