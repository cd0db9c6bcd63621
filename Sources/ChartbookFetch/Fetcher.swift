import ChartbookCore
import ChartbookData
import Foundation

/// `chartbook fetch`: downloads every file whose catalog entry has a `fetch` rule, checks each
/// download with the reader a build uses, and replaces the file in `Data/` only when it passes. Each
/// file is its own all-or-nothing change (with its line of the state file); one file failing never
/// blocks or touches another.
public struct Fetcher: Sendable {
    public let catalog: Catalog
    public let dataDirectory: URL
    public var downloader = Downloader()
    /// Where `${NAME}` in a URL is looked up (the process environment, or a test's).
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// A new version keeping less than this share of the old one's observations is refused.
    public var shrinkLimit = 0.9
    /// The day the vintage log records as "known since" for what this run changes.
    public var today = Day.today()

    public init(catalog: Catalog, dataDirectory: URL) {
        self.catalog = catalog
        self.dataDirectory = dataDirectory
    }

    /// Fetches the files named in `only` (paths under `Data/`; all with a fetch rule when empty).
    /// With `dryRun`, nothing is written and the report says what would change.
    public func run(only: [String] = [], dryRun: Bool = false) -> ChangeReport {
        var report = ChangeReport()
        let unknown = only.filter { path in !catalog.files.contains { $0.path == path && $0.fetchRule != nil } }
        for path in unknown {
            report.files.append(FileOutcome(path: path, status: .failed, source: "", message: "no file of the catalog with a fetch rule has this path"))
        }
        try? FileTransaction.recover(dataDirectory)
        var state = FetchState(text: (try? RegularFile.read(dataDirectory.appendingPathComponent(FetchState.fileName).path, limit: 1 << 20))
            .map { String(decoding: $0, as: UTF8.self) } ?? "")
        for file in catalog.files where file.fetchRule != nil && (only.isEmpty || only.contains(file.path)) {
            guard let rule = file.fetchRule else { continue }
            var outcome = FileOutcome(path: file.path, status: .failed, source: rule.url)
            do throws(Downloader.Failure) {
                outcome = try fetch(file, rule: rule, state: &state, dryRun: dryRun)
            } catch {
                outcome.message = error.description
            }
            report.files.append(outcome)
        }
        return report
    }

    /// One file: download, check, compare, replace.
    func fetch(_ file: DataFile, rule: FetchRule, state: inout FetchState, dryRun: Bool) throws(Downloader.Failure) -> FileOutcome {
        var outcome = FileOutcome(path: file.path, status: .failed, source: rule.url)
        let url = try resolve(rule.url)
        let target = dataDirectory.appendingPathComponent(file.path)
        let current = try? RegularFile.read(target.path, limit: DataStore.maxFileBytes)
        let known = current == nil ? nil : state.entries[file.path]
        let result = try downloader.get(url, etag: known?.etag, lastModified: known?.lastModified)
        guard case let .body(body, etag, lastModified) = result else {
            outcome.status = .notModified
            return outcome
        }
        let display = "Data/" + file.path + " (downloaded)"
        var bytes = body
        if Fetcher.looksLikeHTML(bytes) {
            throw Downloader.Failure(description: "the server sent an HTML page, not the data file; nothing was changed")
        }
        if let since = rule.since, file.options.encoding == .utf8 {
            guard let text = String(data: bytes, encoding: .utf8) else { throw Downloader.Failure(description: "the download is not UTF-8 text") }
            bytes = Data(Importer.trim(text, since: since, slashedDates: file.reader == "mof-jgb").0.utf8)
        }
        let new: [String: Series]
        do { new = try DataStore.parse(bytes, file: file, catalog: catalog, display: display) } catch {
            throw Downloader.Failure(description: "the download does not read as this file's layout: \(error.description); nothing was changed")
        }
        let old = current.flatMap { try? DataStore.parse(Data($0), file: file, catalog: catalog, display: "Data/" + file.path) } ?? [:]
        for (id, before) in old.sorted(by: { $0.key < $1.key }) {
            let was = before.values.filter(\.isFinite).count, now = new[id]?.values.filter(\.isFinite).count ?? 0
            if Double(now) < Double(was) * shrinkLimit {
                throw Downloader.Failure(description: "the history of '\(id)' shrank from \(was) to \(now) observations (a truncated or changed file?); nothing was changed")
            }
        }
        outcome.changes = catalog.series.filter { $0.file == file.path }.map { SeriesChange.between(old[$0.id], new[$0.id], id: $0.id) }
        var newState = state
        newState.entries[file.path] = FetchState.Entry(etag: etag, lastModified: lastModified)
        let unchanged = current.map { Data($0) == bytes } ?? false
        outcome.status = unchanged ? .unchanged : dryRun ? .wouldUpdate : .updated
        if dryRun { return outcome }
        if unchanged && newState == state { return outcome }
        do throws(SourceError) {
            let transaction = try FileTransaction(folder: dataDirectory)
            if !unchanged { try transaction.stage(file.path, bytes) }
            // What changed, and when it became known: appended to the vintage log (not for a file fetched the first time).
            let entries = current == nil ? [] : outcome.changes.flatMap { $0.vintageEntries(knownSince: today) }
            if !entries.isEmpty { try transaction.stage(VintageLog.fileName, VintageLog.appending(entries, in: dataDirectory)) }
            try transaction.stage(FetchState.fileName, Data(newState.text.utf8))
            try transaction.commit()
        } catch {
            throw Downloader.Failure(description: "cannot replace the file: \(error.message)")
        }
        state = newState
        return outcome
    }

    /// The URL with `${NAME}` replaced from the environment (the rule's text, with names, is what reports show).
    func resolve(_ template: String) throws(Downloader.Failure) -> URL {
        var text = template
        while let open = text.range(of: "${"), let close = text[open.upperBound...].firstIndex(of: "}") {
            let name = String(text[open.upperBound..<close])
            guard let value = environment[name], !value.isEmpty else {
                throw Downloader.Failure(description: "the environment variable \(name) is not set")
            }
            text.replaceSubrange(open.lowerBound...close, with: value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? value)
        }
        guard let url = URL(string: text) else { throw Downloader.Failure(description: "not a valid address") }
        return url
    }

    /// An error page in place of a data file: markup where the first row should be.
    static func looksLikeHTML(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(1024), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return head.hasPrefix("<") || head.contains("<html") || head.contains("<!doctype")
    }
}
