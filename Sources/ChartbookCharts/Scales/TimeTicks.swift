import ChartbookCore

/// Calendar-aligned ticks for a time axis: days, weeks, months, quarters or years (1, 2, 5, 10 … at a
/// time), each labelled at the granularity it shows, per edition language.
public enum TimeTicks {
    /// The calendar unit ticks are spaced by.
    public enum Interval: Sendable, Equatable {
        case days(Int)
        case months(Int)
        case years(Int)

        /// Approximate length in days, for choosing an interval.
        var approximateDays: Double {
            switch self {
            case .days(let n): return Double(n)
            case .months(let n): return Double(n) * 30.44
            case .years(let n): return Double(n) * 365.25
            }
        }
    }

    /// One tick: where it is and what it says.
    public struct Tick: Sendable, Equatable {
        public var day: Day
        public var label: String
    }

    static let candidates: [Interval] = [
        .days(1), .days(2), .days(7), .days(14), .months(1), .months(2), .months(3), .months(6),
        .years(1), .years(2), .years(5), .years(10), .years(20), .years(25), .years(50), .years(100),
    ]

    /// Candidate intervals from the finest that gives at most `maxCount` ticks, coarser ones after it.
    public static func intervals(from start: Day, to end: Day, maxCount: Int) -> [Interval] {
        let span = Double(max(1, end.ordinal - start.ordinal))
        let firstFitting = candidates.firstIndex { span / $0.approximateDays <= Double(max(1, maxCount)) } ?? candidates.count - 1
        return Array(candidates[firstFitting...])
    }

    /// The tick days of `interval` within [start, end], aligned to calendar fields (quarters on Jan/Apr/Jul/Oct, years divisible by n).
    public static func days(_ interval: Interval, from start: Day, to end: Day) -> [Day] {
        var out: [Day] = []
        switch interval {
        case .days(let n):
            if n == 7 || n == 14 {
                // Weeks start on Monday, as markets count them.
                var d = start.adding(days: (7 - start.weekday) % 7)
                while d <= end { out.append(d); d = d.adding(days: n) }
            } else {
                var d = start
                while d <= end {
                    if (d.components.day - 1) % n == 0 { out.append(d) }
                    d = d.adding(days: 1)
                }
            }
        case .months(let n):
            var (y, m) = (start.year, start.month)
            while true {
                guard let d = Day(year: y, month: m, day: 1) else { break }
                if d > end { break }
                if d >= start && (m - 1) % n == 0 { out.append(d) }
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        case .years(let n):
            var y = start.year
            while let d = Day(year: y, month: 1, day: 1), d <= end {
                if d >= start && y % n == 0 { out.append(d) }
                y += 1
            }
        }
        return out
    }

    /// Labels each tick at the granularity of the interval; the first tick and year starts carry the year.
    /// English year ticks are shortened after the first (Chinese ones keep 年 and all four digits).
    public static func label(_ days: [Day], interval: Interval, language: EditionLanguage) -> [Tick] {
        days.enumerated().map { index, day in
            let (y, m, d) = day.components
            let showYear = index == 0 || m == 1 && (interval.approximateDays > 1 ? d == 1 : true)
            switch (interval, language) {
            // Shortened years, as the FT and The Economist print them: the first tick and century
            // years in full, the rest as two digits ("1990, 95, 2000, 05").
            case (.years, .en): return Tick(day: day, label: index == 0 || y % 100 == 0 ? "\(y)" : twoDigits(y))
            case (.years, .zh): return Tick(day: day, label: "\(y)年")
            case (.months(let n), .en) where n == 3 || n == 6:
                return Tick(day: day, label: showYear && m == 1 || index == 0 ? "Q\((m - 1) / 3 + 1) \(y)" : "Q\((m - 1) / 3 + 1)")
            case (.months, .en): return Tick(day: day, label: showYear ? "\(monthNames[m - 1]) \(y)" : monthNames[m - 1])
            case (.months, .zh): return Tick(day: day, label: showYear ? "\(y)年\(m)月" : "\(m)月")
            case (.days, .en): return Tick(day: day, label: d == 1 || index == 0 ? "\(d) \(monthNames[m - 1])" : "\(d)")
            case (.days, .zh): return Tick(day: day, label: d == 1 || index == 0 ? "\(m)月\(d)日" : "\(d)日")
            }
        }
    }

    static func twoDigits(_ year: Int) -> String {
        let short = ((year % 100) + 100) % 100
        return short < 10 ? "0\(short)" : "\(short)"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Chooses the finest interval whose labels fit side by side in `width` px without overlapping.
    /// An axis always gets at least two labels when two fit: where the intervals the width suggests
    /// give fewer (15 years on a phone: one tick every ten years), finer ones are tried, coarsest first.
    public static func ticks(from start: Day, to end: Day, width: Double, fontSize: Double, language: EditionLanguage) -> [Tick] {
        let scale = LinearScale(domain: (Double(start.ordinal), Double(end.ordinal)), range: (0, width))
        func fitting(_ interval: Interval) -> [Tick]? {
            let ticks = label(days(interval, from: start, to: end), interval: interval, language: language)
            guard ticks.count >= 2 else { return nil }
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                let gap = scale(Double(b.day.ordinal)) - scale(Double(a.day.ordinal))
                let need = (TextWidth.of(a.label, fontSize: fontSize) + TextWidth.of(b.label, fontSize: fontSize)) / 2 + 8
                if gap < need { return nil }
            }
            return ticks
        }
        let suggested = intervals(from: start, to: end, maxCount: max(2, Int(width / 60)))
        for interval in suggested { if let ticks = fitting(interval) { return ticks } }
        for interval in candidates.dropLast(suggested.count).reversed() { if let ticks = fitting(interval) { return ticks } }
        // Nothing calendar-aligned fits twice: the two ends, or the last alone when even they collide.
        let ends = label([start, end], interval: .years(1), language: language)
        let need = (TextWidth.of(ends[0].label, fontSize: fontSize) + TextWidth.of(ends[1].label, fontSize: fontSize)) / 2 + 8
        return width >= need ? ends : [ends[1]]
    }
}
