import ChartbookCore
import Foundation

/// When each observation became known, and what it was before: `Data/vintages.tsv`, to which `fetch`
/// and `import` append one line per new, revised or removed observation (a revision is one added
/// line, never a rewritten file). With it, data can be seen as it stood on any day, in the version
/// current then, as ALFRED's real-time periods do:
///
/// - an observation with no line was known, with the value in its data file, from its date plus the
///   file's release lag (the history before the log began);
/// - an observation with lines had, on day K, the value of its last line known by K; before its
///   first line, the value that line replaced (none: it was not yet known).
///
///     # known_since	series	date	value	previous
///     2025-07-12	ust_30y	2025-07-03	4.84	4.86      a revision
///     2025-07-12	ust_30y	2025-07-11	4.95	          a new observation
///     2025-07-19	ust_30y	2025-02-03	-	4.52      a removal
public struct VintageLog: Sendable {
    public static let fileName = "vintages.tsv"
    public static let header = "# chartbook vintages: known_since\tseries\tdate\tvalue\tprevious (appended by chartbook fetch and import; - is a removal, an empty previous a new observation)\n"

    /// One line: from `knownSince`, series `series` had `value` (nil: no value) on `date`, replacing `previous`.
    public struct Entry: Sendable, Equatable {
        public var knownSince: Day
        public var series: String
        public var date: Day
        public var value: Double?
        public var previous: Double?

        public init(knownSince: Day, series: String, date: Day, value: Double?, previous: Double?) {
            self.knownSince = knownSince
            self.series = series
            self.date = date
            self.value = value
            self.previous = previous
        }

        /// The entry as a line of the log.
        public var line: String {
            // Swift's shortest text that reads back as the same Double ("4.84", not "4.8399999…").
            func number(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
            return "\(knownSince)\t\(series)\t\(date)\t\(value.map { "\($0)" } ?? "-")\t\(number(previous))\n"
        }
    }

    /// Entries by series, then by observation date, each list in the order the lines were written.
    let entries: [String: [Day: [Entry]]]

    public init(entries list: [Entry] = []) {
        var bySeries: [String: [Day: [Entry]]] = [:]
        for entry in list { bySeries[entry.series, default: [:]][entry.date, default: []].append(entry) }
        entries = bySeries
    }

    /// Reads the log; a malformed line is an error at its line.
    public init(text: String, file: String) throws(SourceError) {
        var list: [Entry] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            let at = SourceLocation(file: file, line: n + 1)
            guard f.count == 5, let known = Day(iso: f[0]), let date = Day(iso: f[2]) else {
                throw SourceError(at, "expected known_since, series, date, value and previous, separated by tabs")
            }
            let value: Double? = f[3] == "-" ? nil : Double(f[3])
            guard f[3] == "-" || value != nil, f[4].isEmpty || Double(f[4]) != nil else {
                throw SourceError(at, "value and previous must be numbers ('-' for a removal, empty for a new observation)")
            }
            list.append(Entry(knownSince: known, series: String(f[1]), date: date, value: value, previous: f[4].isEmpty ? nil : Double(f[4])))
        }
        self.init(entries: list)
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// Whether series `id` has any line (cheap: asked for every series of every page's key).
    public func logs(_ id: String) -> Bool { entries[id] != nil }

    /// Every entry of series `id`.
    public func entries(of id: String) -> [Entry] {
        (entries[id] ?? [:]).keys.sorted().flatMap { entries[id]?[$0] ?? [] }
    }

    /// Series `series` as it stood on `knownOn`: `base` (the file's current values) with every logged
    /// observation set to its value then (or left out when it had none).
    func apply(to base: Series, knownOn: Day, through end: Day) -> Series {
        guard let logged = entries[base.id] else { return base }
        var values: [Day: Double?] = [:]
        for (date, list) in logged where date <= end {
            let ordered = list.sorted { $0.knownSince < $1.knownSince }
            if let last = ordered.last(where: { $0.knownSince <= knownOn }) {
                values[date] = .some(last.value)
            } else if let first = ordered.first {
                values[date] = .some(first.previous)
            }
        }
        guard !values.isEmpty else { return base }
        var days: [Day] = [], out: [Double] = []
        days.reserveCapacity(base.days.count)
        out.reserveCapacity(base.days.count)
        var pending = values.filter { entry in !base.days.contains(entry.key) }.compactMap { key, value in value.map { (key, $0) } }.sorted { $0.0 < $1.0 }
        for (day, value) in zip(base.days, base.values) {
            while let next = pending.first, next.0 < day { days.append(next.0); out.append(next.1); pending.removeFirst() }
            if let patched = values[day] {
                if let v = patched { days.append(day); out.append(v) }
            } else {
                days.append(day); out.append(value)
            }
        }
        for (day, value) in pending { days.append(day); out.append(value) }
        return Series(id: base.id, days: days, values: out)
    }

    /// The log file of `folder` with `entries` appended (a new file starts with the header).
    public static func appending(_ entries: [Entry], in folder: URL) -> Data {
        let existing = (try? RegularFile.read(folder.appendingPathComponent(fileName).path, limit: DataStore.maxFileBytes)).map { Data($0) }
        var out = existing ?? Data(header.utf8)
        if let last = out.last, last != 10 { out.append(10) }
        for entry in entries { out.append(contentsOf: Data(entry.line.utf8)) }
        return out
    }

    /// The lines that record `change`, known from `day`.
    public static func lines(for changes: [(series: String, date: Day, value: Double?, previous: Double?)], knownSince day: Day) -> String {
        changes.map { Entry(knownSince: day, series: $0.series, date: $0.date, value: $0.value, previous: $0.previous).line }.joined()
    }
}
