import ChartbookCore
import ChartbookData
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Incremental builds: an issue whose inputs have not changed since the last build is not rendered
/// again; its files are carried over from the current output. The key covers everything a page is
/// made from: the issue's text, its partials and the layouts, the site config and catalog, the
/// other editions it links, the data it can see (each series it names, cut at its as-of date), the
/// build options and the Chartbook binary itself. Any difference means a new key and a fresh render.
struct PageCache: Sendable {
    /// The one file holding every issue's record (one file, not one per issue: creating thousands
    /// of small files cost more than reading them saved).
    let file: URL
    let output: URL
    /// The previous build's records, by issue stem.
    let previous: [String: Manifest]

    /// What a previous build wrote for one issue, and what the site-wide pages need of it.
    struct Manifest: Codable, Sendable {
        struct Lead: Codable { var svgName: String, title: String, width: Double, height: Double }
        struct Warning: Codable { var severity: String, file: String, line: Int?, column: Int?, message: String }
        var key: String
        var files: [String]
        var lead: Lead?
        var charts: Int
        var warnings: [Warning]
        var feedHTML: String?
    }

    /// Reads the previous build's records; a missing or unreadable file means nothing is reused.
    init(file: URL, output: URL) {
        self.file = file
        self.output = output
        let data = FileManager.default.contents(atPath: file.path)
        previous = data.flatMap { try? JSONDecoder().decode([String: Manifest].self, from: $0) } ?? [:]
    }

    /// The record and summary of a previous build's issue, when its key matches and all its files
    /// could be carried over from the output.
    func reuse(_ issue: Issue, key: String, into sink: OutputSink) -> (Manifest, IssueSummary)? {
        guard let manifest = previous[issue.source.stem], manifest.key == key, carry(manifest.files, into: sink) else { return nil }
        let summary = IssueSummary(
            issue: issue,
            lead: manifest.lead.map { IssueSummary.Lead(svgName: $0.svgName, title: $0.title, width: $0.width, height: $0.height) },
            charts: manifest.charts,
            warnings: manifest.warnings.map {
                Diagnostic($0.severity == "error" ? .error : .warning, SourceLocation(file: $0.file, line: $0.line, column: $0.column), $0.message)
            },
            feedHTML: manifest.feedHTML)
        return (manifest, summary)
    }

    /// The files of a group of site-wide pages (`"@index"`, …), carried over when the previous
    /// build made them from the same key.
    func reuseFiles(_ record: String, key: String, into sink: OutputSink) -> [String]? {
        guard let manifest = previous[record], manifest.key == key, carry(manifest.files, into: sink) else { return nil }
        return manifest.files
    }

    /// Carries every one of `files` over from the output, or none of them.
    private func carry(_ files: [String], into sink: OutputSink) -> Bool {
        for (n, path) in files.enumerated() {
            guard (try? sink.carryOver(OutputSink.join(output, path), as: path)) != nil else {
                // Undo the links made so far: the files are made afresh, and writing through a
                // link would change the previous output's copy too.
                for done in files[..<n] { sink.forget(done) }
                return false
            }
        }
        return true
    }

    /// The record of an issue just rendered.
    static func manifest(_ summary: IssueSummary, key: String, files: [String]) -> Manifest {
        Manifest(
            key: key, files: files.sorted(),
            lead: summary.lead.map { .init(svgName: $0.svgName, title: $0.title, width: $0.width, height: $0.height) },
            charts: summary.charts,
            warnings: summary.warnings.map { .init(severity: $0.severity.rawValue, file: $0.location.file, line: $0.location.line,
                                                   column: $0.location.column, message: $0.message) },
            feedHTML: summary.feedHTML)
    }

    /// Records what this build's output holds; called only after the new output is in place, so a
    /// record never describes files the output does not have.
    func save(_ manifests: [String: Manifest]) {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        if let data = try? encoder.encode(manifests) { try? PlainFile.replace(file.path, with: data) }
    }

    /// The part of every page's key that all issues share (site config, catalog, build options,
    /// layouts, the Chartbook binary), digested once per build rather than once per issue.
    static func sharedKey(templates: TemplateSet, inputs: [String]) -> String {
        var digest = ContentDigest()
        digest.add(inputs)
        digest.add(EngineIdentity.current)
        for layout in templates.sources.values.sorted(by: { $0.name < $1.name }) where !layout.isPartial {
            digest.add(layout.name)
            digest.add(layout.text)
        }
        return digest.hex
    }

    /// The cache key of one issue's page and files; `shared` is `sharedKey(…)`.
    static func key(for issue: Issue, editions: [Issue], templates: TemplateSet, store: DataStore, shared: String,
                    options: [String]) -> String {
        var parts = options + [shared, issue.source.display, issue.body, describe(issue.frontMatter)]
        for edition in editions { parts += [edition.source.stem, edition.frontMatter.title, edition.frontMatter.language.rawValue] }
        let source = TemplateSource(name: "issues/" + issue.source.stem, display: issue.source.display, text: issue.body)
        var texts: [String] = []
        for template in templates.closure(of: source) { parts.append(template.name); parts.append(template.text); texts.append(template.text) }
        // Every catalog series the issue could name (a conservative scan of identifiers), with the data it sees.
        var ids = Set<String>()
        // Ids by length, as bytes: a token is compared only with ids of its own length, with no
        // String made per word (an issue has thousands of words).
        var byLength: [Int: [(String, [UInt8])]] = [:]
        for id in store.catalog.ids { byLength[id.utf8.count, default: []].append((id, Array(id.utf8))) }
        for text in texts {
            text.utf8.withContiguousStorageIfAvailable { bytes in
                var start = -1
                for i in 0...bytes.count {
                    let b = i < bytes.count ? bytes[i] : 32
                    let word = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
                    if word { if start < 0 { start = i }; continue }
                    guard start >= 0 else { continue }
                    if let candidates = byLength[i - start] {
                        for (id, idBytes) in candidates where bytes[start..<i].elementsEqual(idBytes) { ids.insert(id) }
                    }
                    start = -1
                }
            }
        }
        for id in ids.sorted() { parts.append(id + "@" + String(store.fingerprint(id, asOf: issue.frontMatter.asOf), radix: 16)) }
        return BuildCache.key(parts)
    }

    static func describe(_ m: FrontMatter) -> String {
        [m.title, m.date.description, m.asOf.description, m.language.rawValue, m.summary, m.tags.joined(separator: "\u{1}"), m.translationKey ?? ""]
            .joined(separator: "\u{0}")
    }
}

/// Identifies the running Chartbook build (its executable's path, size and modification time), so a
/// new version never reuses pages an older one rendered.
enum EngineIdentity {
    static let current: String = {
        let path = (CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }) ?? ""
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "chartbook|\(path)|\(size)|\(time)"
    }()
}

extension OutputSink {
    /// Puts an unchanged file from the previous output into the new one: a hard link (no copy) where
    /// the file system allows it. An output file is written in place only when no other name links
    /// to it (`PlainFile.recycle`), so sharing files between the old and new output is safe.
    func carryOver(_ source: String, as path: String) throws(SourceError) {
        guard case .disk(let root) = mode else { throw SourceError(SourceLocation(file: path), "cannot carry over files in memory") }
        let target = Self.join(root, path)
        do {
            try ensureFolder(Self.folder(of: target))
            if link(source, target) != 0 { try FileManager.default.copyItem(atPath: source, toPath: target) }
        } catch {
            throw SourceError(SourceLocation(file: path), "cannot carry over from the previous build: \(error.localizedDescription)")
        }
        record(path)
    }

    /// Removes a file carried over or written to the staging folder, as if it had never been.
    func forget(_ path: String) {
        guard case .disk(let root) = mode else { return }
        unlink(Self.join(root, path))
        unrecord(path)
    }
}
