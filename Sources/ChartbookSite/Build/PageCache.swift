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
    /// When the records were written (seconds since 1970; 0 when there are none).
    let writtenAt: Int

    /// What a previous build wrote for one issue, and what the site-wide pages need of it.
    struct Manifest: Sendable, Equatable {
        struct Lead: Sendable, Equatable { var svgName: String, title: String, width: Double, height: Double }
        struct Warning: Sendable, Equatable { var severity: String, file: String, line: Int?, column: Int?, message: String }
        var key: String
        var files: [String]
        var lead: Lead?
        var charts: Int
        var warnings: [Warning]
        var feedHTML: String?
        /// The identifier scan of the issue's partials, kept so unchanged texts are not scanned again.
        var scan: Scan?
        /// What the next build needs of the issue's file if it has not changed (see `IssueIndex.swift`).
        var facts: IssueFacts?
        /// The issue's folder in the new output and in the one before, as they stood when this build
        /// left them holding the very same files (see `OutputSink.FolderPair`); nil otherwise.
        var sync: String?

        /// Which catalog ids a set of texts names, and the digest of those texts and the catalog's ids.
        struct Scan: Sendable, Equatable {
            var digest: String
            var ids: [String]
        }
    }

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
        let data = writable ? PageCache.readRegular(file.path) : nil
        let decoded = data.flatMap(PageCacheFile.decode) ?? [:]
        if let identity = PageCache.outputIdentity(output), decoded[PageCache.outputRecord]?.key == identity {
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
        unlink(PageCache.temporary(file).path)
    }

    /// Where the records are written before they are renamed into place (one name: builds of a
    /// project are serialised by `BuildLock`, and a killed build's half file is overwritten by the next).
    static func temporary(_ file: URL) -> URL { file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".tmp") }

    /// Reads the page cache on another thread, so the file is decoded while the config, data and
    /// templates load; the first step that needs it waits for `value`.
    static func loader(file: URL, output: URL) -> BackgroundValue<PageCache> {
        BackgroundValue { PageCache(file: file, output: output) }
    }

    /// The record and summary of a previous build's issue, when its key matches and all its files
    /// could be carried over from the output.
    func reuse(_ issue: Issue, key: String, into sink: OutputSink) -> (Manifest, IssueSummary)? {
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
    static func manifest(_ summary: IssueSummary, key: String, files: [String], scan: Manifest.Scan? = nil,
                         facts: IssueFacts? = nil) -> Manifest {
        Manifest(
            key: key, files: files.sorted(),
            lead: summary.lead.map { .init(svgName: $0.svgName, title: $0.title, width: $0.width, height: $0.height) },
            charts: summary.charts,
            warnings: summary.warnings.map { .init(severity: $0.severity.rawValue, file: $0.location.file, line: $0.location.line,
                                                   column: $0.location.column, message: $0.message) },
            feedHTML: summary.feedHTML, scan: scan, facts: facts)
    }

    /// The record that ties the records to the output folder now in place; saved with them.
    func outputManifest() -> Manifest? {
        PageCache.outputIdentity(output).map { Manifest(key: $0, files: [], lead: nil, charts: 0, warnings: [], feedHTML: nil) }
    }

    /// Records what this build's output holds; called only after the new output is in place, so a
    /// record never describes files the output does not have. A failure is returned (the build
    /// succeeded; the next one renders everything, since `invalidate` removed the old records).
    func save(_ manifests: [String: Manifest]) -> String? { save(PageCacheFile.encode(manifests)) }

    /// Writes an encoded file (see `PageCacheFile`); the reason it could not, or nil.
    func save(_ encoded: Data) -> String? {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = PageCache.temporary(file).path
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
                    options: [String], previousScan: Manifest.Scan? = nil) -> (key: String, scan: Manifest.Scan) {
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
        let scan: Manifest.Scan
        if let previousScan, previousScan.digest == digest {
            scan = previousScan // the same partials against the same catalog
        } else {
            scan = Manifest.Scan(digest: digest, ids: IdentifierScan(catalogIDs: store.catalog.ids).ids(in: texts).sorted())
        }
        for id in Set(scan.ids + facts.ids).sorted() {
            parts.append(id + "@" + String(store.fingerprint(id, asOf: issue.frontMatter.asOf), radix: 16))
        }
        return (BuildCache.key(parts), scan)
    }

    /// Every field of the front matter in one string, for keys.
    static func describe(_ m: FrontMatter) -> String { m.stored.joined(separator: "\u{0}") }
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
    /// Puts unchanged files of one folder of the previous output into the new one as hard links
    /// (no copy). The staging folder is the output before last (see `OutputSink`), so a file that
    /// was unchanged then too is already there as the very same file: both folders are listed once
    /// and their inode numbers compared, and only the rest are linked, relative to the two open
    /// folders. An output file is written in place only when no other name links to it, so sharing
    /// files between outputs is safe. With `settle` (a folder only these files belong in), anything
    /// else there is removed. Appends each path carried to `done`; false on any failure.
    func carryOver(_ paths: [String], folder: String, from output: URL, settle: Bool, knownSync: String? = nil,
                   sync: inout String?, done: inout [String]) -> Bool {
        guard case .disk(let root) = mode else { return false }
        let sourceFolder = Self.join(output, folder), targetFolder = Self.join(root, folder)
        if settle, let knownSync, let pair = FolderPair(live: sourceFolder, staged: targetFolder), pair.token == knownSync {
            // The last build left this folder holding the very files of the live one, and neither
            // folder has changed since: nothing to list, link or remove.
            record(contentsOf: paths)
            done += paths
            markSettled(targetFolder)
            sync = pair.swapped.token
            return true
        }
        guard (try? ensureFolder(targetFolder)) != nil else { return false }
        let source = open(sourceFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let target = open(targetFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if source >= 0 { close(source) }; if target >= 0 { close(target) } }
        guard source >= 0, target >= 0 else { return false }
        var sourceInfo = stat(), targetInfo = stat()
        guard fstat(source, &sourceInfo) == 0, fstat(target, &targetInfo) == 0 else { return false }
        // Inode numbers identify files only on one device.
        let sameDevice = sourceInfo.st_dev == targetInfo.st_dev
        let live = sameDevice ? Self.inodes(in: source).files : [:]
        let (staged, stagedOthers) = sameDevice ? Self.inodes(in: target) : ([:], true)
        for path in paths {
            let name = Self.name(of: path)
            if let inode = live[name], staged[name] == inode {
                // Already that very file.
            } else {
                if staged[name] != nil || !sameDevice { unlinkat(target, name, 0) }
                if linkat(source, name, target, name, 0) != 0 {
                    // No hard links here (another file system, or one without them): copy instead.
                    unlinkat(target, name, 0)
                    guard (try? FileManager.default.copyItem(atPath: Self.join(output, path), toPath: Self.join(root, path))) != nil else { return false }
                }
            }
            record(path)
            done.append(path)
        }
        // Whatever else the staging folder held is left from the output before last: remove it
        // now, while the listing is at hand, and spare `removeStale` a second walk of this folder.
        if settle && !stagedOthers {
            let carried = Set(paths.map(Self.name(of:)))
            for name in staged.keys where !carried.contains(name) { unlinkat(target, name, 0) }
            markSettled(targetFolder)
            // The two folders now hold the same files; after the swap the staging folder is live.
            var liveAfter = stat(), spareAfter = stat()
            if sameDevice, fstat(target, &liveAfter) == 0, fstat(source, &spareAfter) == 0 {
                sync = FolderPair(live: liveAfter, staged: spareAfter).token
            }
        }
        return true
    }

    /// An issue's folder in the live output and in the staging folder, as the file system
    /// describes them. A folder's modification and change times move whenever a name in it is
    /// added, removed or renamed, so if both folders read as they did when a build left them
    /// holding the same files (the same inodes), they still do. The output's own folders are
    /// written only by builds; a killed or failed build changes the times of what it touched.
    struct FolderPair {
        var live: stat, staged: stat

        init(live: stat, staged: stat) { self.live = live; self.staged = staged }

        init?(live: String, staged: String) {
            var l = stat(), s = stat()
            guard lstat(live, &l) == 0, lstat(staged, &s) == 0 else { return nil }
            self.init(live: l, staged: s)
        }

        /// With the roles the next build gives the two folders.
        var swapped: FolderPair { FolderPair(live: staged, staged: live) }

        var token: String { Self.describe(live) + "|" + Self.describe(staged) }

        static func describe(_ s: stat) -> String {
            "\(s.st_dev):\(s.st_ino):\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec):\(s.st_ctim.tv_sec).\(s.st_ctim.tv_nsec):\(s.st_mode)"
        }

    }

    /// The inode number of each regular file in an open folder, from one directory listing, and
    /// whether it holds anything else (folders, links).
    static func inodes(in folder: Int32) -> (files: [String: UInt64], others: Bool) {
        guard let entries = DirectoryListing.entries(of: folder) else { return ([:], true) }
        var files: [String: UInt64] = [:]
        for entry in entries where entry.isFile { files[entry.name] = entry.inode }
        return (files, files.count < entries.count)
    }

    /// Removes a file carried over or written to the staging folder, as if it had never been.
    func forget(_ path: String) {
        guard case .disk(let root) = mode else { return }
        unlink(Self.join(root, path))
        unrecord(path)
    }
}

/// Finds which catalog ids occur as whole words in texts. Ids are grouped by length, as bytes, in
/// an array indexed by length: a word is compared only with ids of its own length, with no String
/// and no hashing per word (an issue has thousands of words, an archive thousands of issues).
struct IdentifierScan {
    private var byLength: [[(String, [UInt8])]]

    init(catalogIDs: [String]) {
        let longest = catalogIDs.map(\.utf8.count).max() ?? 0
        byLength = Array(repeating: [], count: longest + 1)
        for id in catalogIDs { byLength[id.utf8.count].append((id, Array(id.utf8))) }
    }

    func ids(in texts: [String]) -> Set<String> {
        var found = Set<String>()
        for var text in texts {
            text.withUTF8 { bytes in
                IdentifierScan.wordBytes.withUnsafeBufferPointer { isWord in
                    let n = bytes.count
                    var i = 0
                    while i < n {
                        while i < n && !isWord[Int(bytes[i])] { i += 1 } // prose, Chinese, punctuation
                        let start = i
                        while i < n && isWord[Int(bytes[i])] { i += 1 }
                        let length = i - start
                        guard length > 0, length < byLength.count else { continue }
                        for (id, idBytes) in byLength[length] where UnsafeBufferPointer(rebasing: bytes[start..<i]).elementsEqual(idBytes) {
                            found.insert(id)
                        }
                    }
                }
            }
        }
        return found
    }

    /// ASCII letters, digits and `_`: the bytes an id is made of.
    static let wordBytes: [Bool] = (0..<256).map { b in (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == 95 }
}
