import ChartbookCore
import Foundation

/// Every series of a catalog, read from `Data/` once per build and shared by all issues. Series are
/// handed out cut at an as-of date; derived series are computed from inputs already cut there, so
/// nothing an issue sees can depend on later data.
public struct DataStore: Sendable {
    public let catalog: Catalog
    private let base: [String: Series]
    /// Each base series' publication lag in days (from its file's `released` rule).
    private let releases: [String: ReleaseRule]
    /// When each logged observation became known (`Data/vintages.tsv`).
    public let vintages: VintageLog
    private let cache = Cache()

    public init(catalog: Catalog, series: [String: Series], vintages: VintageLog = VintageLog()) {
        self.catalog = catalog
        self.base = series
        self.vintages = vintages
        var rules: [String: ReleaseRule] = [:]
        for info in catalog.series where info.expression == nil {
            if let rule = catalog.files.first(where: { $0.path == info.file })?.release { rules[info.id] = rule }
        }
        releases = rules
    }

    /// Reads each file of the catalog once, with the reader and options the catalog names for it.
    /// With a collecting `problems` sink, every file is read and every problem reported; a file that
    /// cannot be read at all is left out.
    public static func load(catalog: Catalog, dataDirectory: URL, displayPrefix: String = "Data/",
                            problems: ProblemSink = ProblemSink(mode: .failFast), cache: ParsedDataCache? = nil) throws(SourceError) -> DataStore {
        // An import or fetch killed midway is finished (or undone) before anything is read.
        try FileTransaction.recover(dataDirectory)
        let files = catalog.files.filter { file in catalog.series.contains { $0.file == file.path } }
        // Files are read on both cores; their series and problems are then taken in catalog order,
        // so what is reported (and which error stops a fail-fast load) does not depend on scheduling.
        let results = ConcurrentResults<FileResult>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let local = ProblemSink(mode: problems.mode)
            local.perFileLimit = problems.perFileLimit
            var series: [(String, Series)] = []
            var failure: SourceError?
            do throws(SourceError) {
                series = try loadFile(files[i], catalog: catalog, dataDirectory: dataDirectory, displayPrefix: displayPrefix, problems: local,
                                      cache: cache)
            } catch {
                failure = error
            }
            results.set(i, .success((series, local.diagnostics, failure)))
        }
        var loaded: [String: Series] = [:]
        for i in files.indices {
            guard case let .success((series, diagnostics, failure)) = results.get(i) else { continue }
            for d in diagnostics {
                if d.severity == .error { try problems.error(SourceError(d.location, d.message)) } else { problems.warning(d.location, d.message) }
            }
            if let failure { try problems.error(failure) }
            for (id, s) in series { loaded[id] = s }
        }
        var vintages = VintageLog()
        let logURL = dataDirectory.appendingPathComponent(VintageLog.fileName)
        do {
            let bytes = try RegularFile.read(logURL.path, limit: maxFileBytes)
            vintages = try VintageLog(text: String(decoding: bytes, as: UTF8.self), file: displayPrefix + VintageLog.fileName)
        } catch let failure as RegularFile.Failure {
            if failure != .missing { try problems.error(SourceError(SourceLocation(file: displayPrefix + VintageLog.fileName), "the vintage log \(failure)")) }
        } catch let error as SourceError {
            try problems.error(error)
        } catch {}
        return DataStore(catalog: catalog, series: loaded, vintages: vintages)
    }

    /// What the catalog's reader makes of `data` as the contents of `file` (a download not yet in
    /// `Data/`): every selected series, dates moved as the catalog says; the first problem throws.
    public static func parse(_ data: Data, file: DataFile, catalog: Catalog, display: String) throws(SourceError) -> [String: Series] {
        guard let reader = ReaderRegistry.reader(named: file.reader) else { throw SourceError(file.declaredAt, "unknown reader '\(file.reader)'") }
        let selections = catalog.series.filter { $0.file == file.path }.map(\.selection)
        let text = try file.options.encoding.decode(data, file: display)
        let read = try reader.read(ReaderInput(text: text, file: display, options: file.options), selections: selections,
                                   problems: ProblemSink(mode: .failFast))
        var out: [String: Series] = [:]
        for (id, series) in read {
            guard series.hasValues else { throw SourceError(file.declaredAt, "series '\(id)' has no values in \(display)") }
            out[id] = catalog.info(id)?.datedAtMonthEnd == true ? series.movedToMonthEnd() : series
        }
        return out
    }

    /// One data file's series, read with the reader and options the catalog names for it.
    static func loadFile(_ file: DataFile, catalog: Catalog, dataDirectory: URL, displayPrefix: String,
                         problems: ProblemSink, cache: ParsedDataCache? = nil) throws(SourceError) -> [(String, Series)] {
        let selections = catalog.series.filter { $0.file == file.path }.map(\.selection)
        let display = displayPrefix + file.path
        let data = try readData(dataDirectory.appendingPathComponent(file.path), display: display, declaredAt: file.declaredAt,
                                within: dataDirectory)
        guard let reader = ReaderRegistry.reader(named: file.reader) else {
            throw SourceError(file.declaredAt, "unknown reader '\(file.reader)'")
        }
        let key = cache?.key(bytes: data, file: file, selections: selections)
        let read: [String: Series]
        if let cache, let key, let hit = cache.load(path: file.path, key: key) {
            read = hit
        } else {
            let text = try file.options.encoding.decode(data, file: display)
            let input = ReaderInput(text: text, file: display, options: file.options)
            read = try reader.read(input, selections: selections, problems: problems)
            if let cache, let key, problems.diagnostics.isEmpty { cache.save(path: file.path, key: key, series: read) }
        }
        var out: [(String, Series)] = []
        for (id, series) in read.sorted(by: { $0.key < $1.key }) {
            if !series.hasValues {
                try problems.error(SourceError(catalog.info(id)?.selection.declaredAt ?? file.declaredAt, "series '\(id)' has no values in \(display)"))
                continue
            }
            out.append((id, catalog.info(id)?.datedAtMonthEnd == true ? series.movedToMonthEnd() : series))
        }
        return out
    }

    /// What reading one data file gave: its series, the problems found, and the error that stopped it.
    typealias FileResult = (series: [(String, Series)], problems: [Diagnostic], failure: SourceError?)

    /// Reads a file's bytes; a missing file is an error at the catalog entry that names it.
    public static func readData(_ url: URL, display: String, declaredAt: SourceLocation, within folder: URL? = nil) throws(SourceError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw SourceError(declaredAt, "data file \(display) is missing or unreadable")
        }
        if let folder {
            // A symbolic link must not lead a data path out of Data/.
            let real = url.resolvingSymlinksInPath().path, base = folder.resolvingSymlinksInPath().path
            guard real.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
                throw SourceError(declaredAt, "data file \(display) resolves outside Data/ (to \(real)); refusing to read it")
            }
        }
        do {
            return Data(try RegularFile.read(url.path, limit: maxFileBytes))
        } catch .tooLarge(let size, _) {
            throw SourceError(declaredAt, "data file \(display) is \(size) bytes; the limit is \(maxFileBytes) (split it, or trim it with an import rule)")
        } catch .missing {
            throw SourceError(declaredAt, "data file \(display) is missing or unreadable")
        } catch {
            throw SourceError(declaredAt, "data file \(display) \(error)")
        }
    }

    /// The largest data file read (a few publishers' full histories are tens of megabytes).
    public static let maxFileBytes = 512 << 20

    /// Reads a UTF-8 text file; a missing file or invalid UTF-8 is an error naming it.
    public static func readText(_ url: URL, display: String, declaredAt: SourceLocation) throws(SourceError) -> String {
        try TextEncoding.utf8.decode(readData(url, display: display, declaredAt: declaredAt), file: display)
    }

    public func info(_ id: String) -> SeriesInfo? { catalog.info(id) }

    /// The whole series `id` (base or derived), with all data there is.
    public func series(_ id: String) -> Series? {
        series(id, asOf: Day(ordinal: Int(Int32.max)))
    }

    /// Series `id` as it was known on `asOf`: nothing dated after that day, nor anything its
    /// publisher had not yet released by then (the file's `released` lag).
    public func series(_ id: String, asOf: Day) -> Series? { series(id, asOf: asOf, knownOn: asOf) }

    /// Series `id` with observations dated up to `asOf` (less the release lag), each in the version
    /// known on `knownOn` (see `VintageLog`): an issue reads `knownOn == asOf`; a corrected issue
    /// reads its observations as they were known on the day of its correction.
    public func series(_ id: String, asOf: Day, knownOn: Day) -> Series? {
        if let s = base[id] {
            let cut = published(id, asOf: asOf)
            return vintages.apply(to: s, knownOn: knownOn, through: cut).truncated(through: cut)
        }
        guard let expression = catalog.info(id)?.expression else { return nil }
        return evaluate(expression, id: id, asOf: asOf, knownOn: knownOn)
    }

    /// Computes an expression (from the catalog or a chart spec) on data cut at `asOf`.
    public func evaluate(_ expression: SeriesExpression, id: String, asOf: Day) -> Series? {
        evaluate(expression, id: id, asOf: asOf, knownOn: asOf)
    }

    /// The same, each input in the version known on `knownOn`.
    public func evaluate(_ expression: SeriesExpression, id: String, asOf: Day, knownOn: Day) -> Series? {
        let key = "\(expression)@\(asOf.ordinal)/\(knownOn.ordinal)"
        if let hit = cache.get(key) { return hit }
        let result = Transforms.evaluate(expression, id: id) { self.series($0, asOf: asOf, knownOn: knownOn) }
        if let result { cache.set(key, result) }
        return result
    }

    /// The facts of series `id` as known on `asOf`.
    public func facts(_ id: String, asOf: Day) -> Facts? { facts(id, asOf: asOf, knownOn: asOf) }

    /// The facts of series `id` up to `asOf`, in the version known on `knownOn`.
    public func facts(_ id: String, asOf: Day, knownOn: Day) -> Facts? {
        series(id, asOf: asOf, knownOn: knownOn).map { Facts(series: $0, asOf: asOf) }
    }

    /// A fingerprint of everything series `id` holds on or before `asOf` (for a derived series, of
    /// its inputs): equal fingerprints mean an issue as of that day would see the same data.
    public func fingerprint(_ id: String, asOf: Day, knownOn: Day? = nil) -> UInt64 {
        let known = knownOn ?? asOf
        if let expression = catalog.info(id)?.expression {
            var h: UInt64 = 0xcbf29ce484222325
            for byte in expression.description.utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
            for input in expression.inputs { h = (h ^ fingerprint(input, asOf: asOf, knownOn: known)) &* 0x100000001b3 }
            return h
        }
        guard let s = base[id] else { return 0 }
        if vintages.logs(id), let seen = series(id, asOf: asOf, knownOn: known) {
            // A logged series: the data as seen, hashed whole (logs touch few series; the prefix table below can't see versions).
            var h: UInt64 = 0x84222325cbf29ce4
            for (day, value) in zip(seen.days, seen.values) {
                h = (h ^ UInt64(bitPattern: Int64(day.ordinal))) &* 0x100000001b3
                h = (h ^ value.bitPattern) &* 0x100000001b3
            }
            return h
        }
        let prefix = cache.prefixHashes(id) {
            // h[i] covers observations 0…i, so any prefix's fingerprint is one lookup.
            var hashes = [UInt64](repeating: 0, count: s.count)
            var h: UInt64 = 0xcbf29ce484222325
            for i in 0..<s.count {
                h = (h ^ UInt64(bitPattern: Int64(s.days[i].ordinal))) &* 0x100000001b3
                h = (h ^ s.values[i].bitPattern) &* 0x100000001b3
                hashes[i] = h
            }
            return hashes
        }
        let end = s.upperBound(published(id, asOf: asOf))
        return end == 0 ? 1 : prefix[end - 1]
    }

    /// The last observation date of base series `id` that was published by `asOf`.
    func published(_ id: String, asOf: Day) -> Day {
        guard let rule = releases[id] else { return asOf }
        return rule.lastPublished(by: asOf)
    }

    /// Derived series are computed once per as-of date and shared by all templates and charts.
    final class Cache: @unchecked Sendable {
        private var entries: [String: Series] = [:]
        private var prefixes: [String: [UInt64]] = [:]
        private let lock = NSLock()
        func get(_ key: String) -> Series? { lock.lock(); defer { lock.unlock() }; return entries[key] }
        func set(_ key: String, _ value: Series) { lock.lock(); defer { lock.unlock() }; entries[key] = value }
        func prefixHashes(_ id: String, make: () -> [UInt64]) -> [UInt64] {
            lock.lock(); defer { lock.unlock() }
            if let hit = prefixes[id] { return hit }
            let made = make()
            prefixes[id] = made
            return made
        }
    }
}
