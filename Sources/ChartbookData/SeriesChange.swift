import ChartbookCore
import Foundation

/// What a new version of a data file changes, series by series: observations added, revised (the
/// same date, another value) and removed. This is what a scheduled job puts in its commit message.
public struct SeriesChange: Codable, Sendable, Equatable {
    public struct Observation: Codable, Sendable, Equatable {
        public var date: String
        public var value: Double
        public init(date: String, value: Double) { self.date = date; self.value = value }
    }
    public struct Revision: Codable, Sendable, Equatable {
        public var date: String
        public var old: Double
        public var new: Double
        public init(date: String, old: Double, new: Double) { self.date = date; self.old = old; self.new = new }
    }

    public var series: String
    public var added: [Observation] = []
    public var revised: [Revision] = []
    public var removed: [Observation] = []

    public init(series: String, added: [Observation] = [], revised: [Revision] = [], removed: [Observation] = []) {
        self.series = series
        self.added = added
        self.revised = revised
        self.removed = removed
    }

    public var isEmpty: Bool { added.isEmpty && revised.isEmpty && removed.isEmpty }

    /// The differences between two versions of one series (missing values, NaN, count as absent).
    public static func between(_ old: Series?, _ new: Series?, id: String) -> SeriesChange {
        func points(_ s: Series?) -> [Day: Double] {
            var out: [Day: Double] = [:]
            guard let s else { return out }
            for (day, value) in zip(s.days, s.values) where value.isFinite { out[day] = value }
            return out
        }
        let before = points(old), after = points(new)
        var change = SeriesChange(series: id)
        for day in after.keys.sorted() {
            guard let value = after[day] else { continue }
            if let was = before[day] {
                // Values as the file writes them: a difference in the last printed digit is a revision.
                if (was - value).magnitude > 1e-9 * max(1, was.magnitude) { change.revised.append(Revision(date: day.description, old: was, new: value)) }
            } else {
                change.added.append(Observation(date: day.description, value: value))
            }
        }
        for day in before.keys.sorted() where after[day] == nil {
            change.removed.append(Observation(date: day.description, value: before[day] ?? .nan))
        }
        return change
    }
}

extension SeriesChange {
    /// The vintage-log lines that record this change as known from `day` (see `VintageLog`).
    public func vintageEntries(knownSince day: Day) -> [VintageLog.Entry] {
        var out: [VintageLog.Entry] = []
        for a in added { if let d = Day(iso: a.date) { out.append(.init(knownSince: day, series: series, date: d, value: a.value, previous: nil)) } }
        for r in revised { if let d = Day(iso: r.date) { out.append(.init(knownSince: day, series: series, date: d, value: r.new, previous: r.old)) } }
        for m in removed { if let d = Day(iso: m.date) { out.append(.init(knownSince: day, series: series, date: d, value: nil, previous: m.value)) } }
        return out.sorted { ($0.date, $0.series) < ($1.date, $1.series) }
    }
}
