import ChartbookCore
import Foundation

/// Writes `Data/` from publishers' raw downloads as the catalog's `import` rules say: the file keeps
/// its publisher's layout byte for byte (title rows, header, line endings), minus rows dated before
/// `since`; and `Data/SOURCES.md` is regenerated with every publisher's attribution.
public struct Importer {
    public let catalog: Catalog
    public let rawDirectory: URL
    public let dataDirectory: URL
    /// The day the vintage log records as "known since" for what this import changes.
    public var today = Day.today()

    public init(catalog: Catalog, rawDirectory: URL, dataDirectory: URL) {
        self.catalog = catalog
        self.rawDirectory = rawDirectory
        self.dataDirectory = dataDirectory
    }

    /// One imported file and how many data rows it kept.
    public struct Report: Sendable {
        public var path: String
        public var keptRows: Int
        public var droppedRows: Int
        /// Copied byte for byte (no `since` rule), so rows were not counted.
        public var copied: Bool
    }

    /// The new contents of every file with an import rule (and of `SOURCES.md`), and every problem
    /// found on the way; nothing is written.
    public func prepare() -> (files: [(path: String, data: Data, report: Report?)], problems: [Diagnostic]) {
        var files: [(path: String, data: Data, report: Report?)] = []
        var problems: [Diagnostic] = []
        for file in catalog.files {
            guard let rule = file.importRule else { continue }
            do throws(SourceError) {
                let rawURL = try rawFile(rule.from, declaredAt: file.declaredAt)
                let raw = try DataStore.readData(rawURL, display: rawURL.path, declaredAt: file.declaredAt, within: rawDirectory)
                var output = raw
                var kept = 0, dropped = 0
                if rule.since != nil {
                    // Trimming rewrites lines, so it is offered for UTF-8 files; others are copied byte for byte.
                    guard file.options.encoding == .utf8 else {
                        throw SourceError(file.declaredAt, "'since' can only trim UTF-8 files; \(file.path) is \(file.options.encoding.rawValue)")
                    }
                    let text = try TextEncoding.utf8.decode(raw, file: rawURL.path)
                    let trimmed: String
                    (trimmed, kept, dropped) = Importer.trim(text, since: rule.since, slashedDates: file.reader == "mof-jgb")
                    output = Data(trimmed.utf8)
                }
                files.append((file.path, output, Report(path: file.path, keptRows: kept, droppedRows: dropped, copied: rule.since == nil)))
            } catch {
                problems.append(Diagnostic(error))
            }
        }
        // What each file's new version changes, appended to the vintage log (a file imported for the
        // first time adds no lines: its history is known from each date plus the file's release lag).
        var entries: [VintageLog.Entry] = []
        for (path, data, _) in files {
            guard let file = catalog.files.first(where: { $0.path == path }),
                  let current = try? RegularFile.read(dataDirectory.appendingPathComponent(path).path, limit: DataStore.maxFileBytes),
                  Data(current) != data,
                  let old = try? DataStore.parse(Data(current), file: file, catalog: catalog, display: "Data/" + path),
                  let new = try? DataStore.parse(data, file: file, catalog: catalog, display: "Data/" + path) else { continue }
            for info in catalog.series where info.file == path {
                entries += SeriesChange.between(old[info.id], new[info.id], id: info.id).vintageEntries(knownSince: today)
            }
        }
        if !entries.isEmpty { files.append((VintageLog.fileName, VintageLog.appending(entries, in: dataDirectory), nil)) }
        files.append(("SOURCES.md", Data(attribution().utf8), nil))
        return (files, problems)
    }

    /// Rewrites every file with an import rule and `SOURCES.md`, all or nothing: any problem (a
    /// missing raw file, a path leaving the raw folder) leaves `Data/` exactly as it was, and a
    /// killed import is finished or undone by the next command (see `FileTransaction`).
    public func run() throws(SourceError) -> [Report] {
        let (files, problems) = prepare()
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more problem(s))" : ""
            throw SourceError(first.location, first.message + more + "; nothing was imported")
        }
        let transaction = try FileTransaction(folder: dataDirectory)
        for file in files { try transaction.stage(file.path, file.data) }
        try transaction.commit()
        return files.compactMap(\.report)
    }

    /// The raw file an import rule names: a relative path that stays inside the raw folder.
    func rawFile(_ from: String, declaredAt: SourceLocation) throws(SourceError) -> URL {
        let parts = from.split(separator: "/", omittingEmptySubsequences: false)
        guard !from.isEmpty, !from.hasPrefix("/"), !from.hasPrefix("~"), !parts.contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw SourceError(declaredAt, "import 'from: \(from)' must be a path inside the raw folder (no '..', not absolute)")
        }
        return rawDirectory.appendingPathComponent(from)
    }

    /// Drops data lines dated before `since`, keeping every other line and every line ending as it was.
    public static func trim(_ text: String, since: Day?, slashedDates: Bool) -> (String, Int, Int) {
        // Work on bytes: in a Swift String "\r\n" is one Character, and line endings must survive as they are.
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var kept = 0, dropped = 0
        var start = 0
        let separators: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "\r"), UInt8(ascii: "\n")]
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < bytes.count { end += 1 }
            var fieldEnd = start
            while fieldEnd < end && !separators.contains(bytes[fieldEnd]) { fieldEnd += 1 }
            let first = Substring(decoding: bytes[start..<fieldEnd], as: UTF8.self)
            if let day = slashedDates ? Day(slashed: first) : Day(iso: first) {
                if let since, day < since { dropped += 1; start = end; continue }
                kept += 1
            }
            out.append(contentsOf: bytes[start..<end])
            start = end
        }
        return (String(decoding: out, as: UTF8.self), kept, dropped)
    }

    /// The attribution page for `Data/`, generated so it can never drift from the catalog.
    func attribution() -> String {
        var text = "# Data sources\n\nGenerated by `chartbook import` from `catalog.yaml`; do not edit by hand.\n"
        for file in catalog.files {
            let s = file.source
            text += "\n## \(file.path)\n\n"
            text += "- Publisher: \(s.publisher.text(.en))\n" + (s.compiledBy.map { "- Compiled by: \($0.text(.en)) (a third party, not the publisher)\n" } ?? "") + "- Title: \(s.title)\n- URL: \(s.url)\n- Licence: \(s.licence)\n"
            if let note = s.note { text += "- Note: \(note)\n" }
            if let rule = file.importRule {
                text += "- Imported from `\(rule.from)`" + (rule.since.map { ", rows before \($0) removed" } ?? "") + "\n"
            }
            let ids = catalog.series.filter { $0.file == file.path }.map(\.id)
            text += "- Series: \(ids.joined(separator: ", "))\n"
        }
        return text
    }
}
