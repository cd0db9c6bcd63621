import ChartbookCore

/// One dated value of a series.
public struct Observation: Hashable, Sendable {
    public var day: Day
    public var value: Double

    public init(day: Day, value: Double) {
        self.day = day
        self.value = value
    }
}

/// A time series as read from a file: sorted, unique days; a missing value is NaN so that charts
/// can break the line at gaps while facts skip them.
public struct Series: Sendable {
    public let id: String
    public private(set) var days: [Day]
    public private(set) var values: [Double]
    /// The line of the data file each value came from (empty for derived series), for messages.
    public private(set) var sourceLines: [Int32]

    public init(id: String, days: [Day], values: [Double], sourceLines: [Int32] = []) {
        precondition(days.count == values.count, "days and values differ in length")
        precondition(sourceLines.isEmpty || sourceLines.count == days.count, "source lines differ in length")
        self.id = id
        self.days = days
        self.values = values
        self.sourceLines = sourceLines
    }

    /// The file line of the value at `index`, if known.
    public func line(at index: Int) -> Int? { index < sourceLines.count ? Int(sourceLines[index]) : nil }

    public var count: Int { days.count }

    /// Whether any observation has a value (without building the list of them).
    public var hasValues: Bool { values.contains { !$0.isNaN } }

    /// Observations with a value, in date order.
    public var observations: [Observation] {
        var out: [Observation] = []
        out.reserveCapacity(days.count)
        for i in days.indices where !values[i].isNaN { out.append(Observation(day: days[i], value: values[i])) }
        return out
    }

    /// The series as it was known on `day`: nothing after it. Archived issues use this so they never see later data.
    public func truncated(through day: Day) -> Series {
        let end = upperBound(day)
        if end == days.count { return self }
        return Series(id: id, days: Array(days[..<end]), values: Array(values[..<end]), sourceLines: sourceLines.isEmpty ? [] : Array(sourceLines[..<end]))
    }

    /// The part of the series from `start` (inclusive) to `end` (inclusive).
    public func slice(from start: Day?, through end: Day?) -> Series {
        let lo = start.map { lowerBound($0) } ?? 0
        let hi = end.map { upperBound($0) } ?? days.count
        guard lo < hi else { return Series(id: id, days: [], values: []) }
        return Series(id: id, days: Array(days[lo..<hi]), values: Array(values[lo..<hi]), sourceLines: sourceLines.isEmpty ? [] : Array(sourceLines[lo..<hi]))
    }

    /// The same values dated on the last day of their month (monthly averages dated on the 1st).
    public func movedToMonthEnd() -> Series {
        let moved = days.map { d in Day(year: d.year, month: d.month, day: Day.daysInMonth(year: d.year, month: d.month)) ?? d }
        return Series(id: id, days: moved, values: values, sourceLines: sourceLines)
    }

    /// Index of the first day ≥ `day`.
    public func lowerBound(_ day: Day) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the first day > `day`.
    public func upperBound(_ day: Day) -> Int {
        var lo = 0, hi = days.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if days[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
