import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown
import Foundation

/// The steps that read the project: site config, data, templates and issues, and the assets copied as they are.
extension SiteBuilder {
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
