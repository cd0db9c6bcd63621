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
struct PageRecords: Sendable {
    /// The one file holding every issue's record (one file, not one per issue: creating thousands
    /// of small files cost more than reading them saved).
    let file: URL
    let output: URL
    /// The previous build's records, by issue stem.
    let previous: [String: PageRecord]
    /// When the records were written (seconds since 1970; 0 when there are none).
    let writtenAt: Int

    /// The record naming the output folder the other records describe (see `outputIdentity`).
    static let outputRecord = "@output"

    /// Reads the previous build's records. Nothing is reused when the file is missing or unreadable,
    /// when it describes another output folder than the one now in place (a build killed between
    /// swapping and saving, an output replaced by hand), or when the cache folder cannot be written
    /// (a cache this build could not update must not be trusted by the next one either).
    init(file: URL, output: URL) {
        self.file = file
        self.output = output
        let folder = file.deletingLastPathComponent().path
        let writable = access(folder, W_OK) == 0 && (access(file.path, F_OK) != 0 || access(file.path, W_OK) == 0)
        let data = writable ? PageRecords.readRegular(file.path) : nil
        let decoded = data.flatMap(PageRecordFile.decode) ?? [:]
        if let identity = PageRecords.outputIdentity(output), decoded[PageRecords.outputRecord]?.key == identity {
            previous = decoded
        } else {
            previous = [:]
        }
        var info = stat()
        writtenAt = stat(file.path, &info) == 0 ? Int(info.st_mtim.tv_sec) : 0
    }

    /// The file's bytes when it is a regular file (never blocks on a FIFO).
    private static func readRegular(_ path: String) -> Data? {
        (try? RegularFile.read(path, limit: 1 << 30)).map { Data($0) }
    }

    /// Which folder stands at `output` now, and since when: its device, inode and change time. A
    /// swap renames a folder into place, which sets its change time, so records saved for one
    /// output never pass for another's, not even for the spare that comes back two builds later
    /// with the same inode.
    static func outputIdentity(_ output: URL) -> String? {
        var info = stat()
        guard lstat(output.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return "\(info.st_dev):\(info.st_ino):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// Removes the records before a new output is swapped in: from then until the new records are
    /// saved, a killed or failed build leaves no records, and the next build renders everything.
    /// (Where they cannot be removed, `outputIdentity` still keeps them from being trusted.)
    func invalidate() {
        unlink(file.path)
        unlink(PageRecords.temporary(file).path)
        // Versions before the build lock named temporaries by process (`pages.tsv.tmp-PID`); killed builds left them.
        let folder = file.deletingLastPathComponent()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(file.lastPathComponent + ".tmp-") {
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// Where the records are written before they are renamed into place (one name: builds of a
    /// project are serialised by `BuildLock`, and a killed build's half file is overwritten by the next).
    static func temporary(_ file: URL) -> URL { file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".tmp") }

    /// Reads the page cache on another thread, so the file is decoded while the config, data and
    /// templates load; the first step that needs it waits for `value`.
    static func loader(file: URL, output: URL) -> BackgroundValue<PageRecords> {
        BackgroundValue { PageRecords(file: file, output: output) }
    }

    /// The record and summary of a previous build's issue, when its key matches and all its files
    /// could be carried over from the output.
    func reuse(_ issue: Issue, key: String, into sink: OutputSink) -> (PageRecord, IssueSummary)? {
        guard var manifest = previous[issue.source.stem], manifest.key == key,
              let carried = carry(manifest.files, into: sink, settle: true, sync: manifest.sync) else { return nil }
        manifest.sync = carried
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
        guard let manifest = previous[record], manifest.key == key, carry(manifest.files, into: sink, settle: false) != nil else { return nil }
        return manifest.files
    }

    /// Carries every one of `files` over from the output, or none of them (nil). With `settle` (an
    /// issue's own folders, which nothing else writes to), anything else in those folders is removed.
    /// nil when nothing was carried; otherwise the folder pair's sync token for the next build
    /// (itself nil when the files span several folders or the folders could not be described).
    private func carry(_ files: [String], into sink: OutputSink, settle: Bool, sync: String? = nil) -> String?? {
        var done: [String] = []
        var start = 0
        var token: String? = nil
        let folders = files.map(OutputSink.folder(of:))
        let oneFolder = !folders.isEmpty && folders.allSatisfy { $0 == folders[0] }
        // Folder by folder (an issue's files share one), so each folder is opened once.
        while start < files.count {
            let folder = folders[start]
            var end = start + 1
            while end < files.count && folders[end] == folder { end += 1 }
            guard sink.carryOver(Array(files[start..<end]), folder: folder, from: output, settle: settle && !folder.isEmpty,
                                 knownSync: oneFolder ? sync : nil, sync: &token, done: &done) else {
                // Undo the links made so far: the files are made afresh, and writing through a
                // link would change the previous output's copy too.
                for path in done { sink.forget(path) }
                return nil
            }
            start = end
        }
        return .some(oneFolder ? token : nil)
    }

    /// The record of an issue just rendered.
    static func record(_ summary: IssueSummary, key: String, files: [String], scan: PageRecord.Scan? = nil,
                         facts: IssueFacts? = nil) -> PageRecord {
        PageRecord(
            key: key, files: files.sorted(),
            lead: summary.lead.map { .init(svgName: $0.svgName, title: $0.title, width: $0.width, height: $0.height) },
            charts: summary.charts,
            warnings: summary.warnings.map { .init(severity: $0.severity.rawValue, file: $0.location.file, line: $0.location.line,
                                                   column: $0.location.column, message: $0.message) },
            feedHTML: summary.feedHTML, scan: scan, facts: facts)
    }

    /// The record that ties the records to the output folder now in place; saved with them.
    func outputRecord() -> PageRecord? {
        PageRecords.outputIdentity(output).map { PageRecord(key: $0, files: [], lead: nil, charts: 0, warnings: [], feedHTML: nil) }
    }

    /// Records what this build's output holds; called only after the new output is in place, so a
    /// record never describes files the output does not have. A failure is returned (the build
    /// succeeded; the next one renders everything, since `invalidate` removed the old records).
    func save(_ manifests: [String: PageRecord]) -> String? { save(PageRecordFile.encode(manifests)) }

    /// Writes an encoded file (see `PageRecordFile`); the reason it could not, or nil.
    func save(_ encoded: Data) -> String? {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = PageRecords.temporary(file).path
        do throws(PlainFile.Failure) {
            try PlainFile.write(encoded, to: temporary)
        } catch {
            unlink(temporary)
            return "cannot save the build records (\(error)); the next build renders every page"
        }
        guard rename(temporary, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return "cannot save the build records (\(reason)); the next build renders every page"
        }
        return nil
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

    /// The cache key of one issue's page and files; `shared` is `sharedKey(…)`. The issue's own text
    /// enters through its facts (body digest, partials and catalog ids it names), which an unchanged
    /// file brings from the previous build unread. `previousScan` is the identifier scan the last
    /// build made of the issue's partials, reused when they are unchanged; the scan made (or reused)
    /// is returned for the next build.
    static func key(for issue: Issue, editions: [Issue], templates: TemplateSet, store: DataStore, shared: String,
                    options: [String], previousScan: PageRecord.Scan? = nil) -> (key: String, scan: PageRecord.Scan) {
        let facts = issue.facts ?? SiteBuilder.facts(of: issue, body: issue.body, signature: "", templates: templates, catalogIDs: store.catalog.ids)
        var parts = options + [shared, issue.source.display, "body:" + facts.bodyDigest, describe(issue.frontMatter)]
        for edition in editions { parts += [edition.source.stem, edition.frontMatter.title, edition.frontMatter.language.rawValue] }
        var texts: [String] = []
        for template in templates.closure(ofPartials: facts.partials) { parts.append(template.name); parts.append(template.text); texts.append(template.text) }
        // Every catalog series the issue could name (a conservative scan of identifiers), with the data it sees.
        var textDigest = ContentDigest()
        textDigest.add(texts)
        textDigest.add("\u{0}catalog")
        textDigest.add(store.catalog.ids)
        let digest = textDigest.hex
        let scan: PageRecord.Scan
        if let previousScan, previousScan.digest == digest {
            scan = previousScan // the same partials against the same catalog
        } else {
            scan = PageRecord.Scan(digest: digest, ids: IdentifierScan(catalogIDs: store.catalog.ids).ids(in: texts).sorted())
        }
        for id in Set(scan.ids + facts.ids).sorted() {
            parts.append(id + "@" + String(store.asOf(issue.frontMatter.asOf, knownOn: issue.frontMatter.corrected).fingerprint(id), radix: 16))
        }
        return (BuildCache.key(parts), scan)
    }

    /// Every field of the front matter in one string, for keys.
    static func describe(_ m: FrontMatter) -> String { m.stored.joined(separator: "\u{0}") }
}
