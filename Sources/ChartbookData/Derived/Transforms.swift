import ChartbookCore

/// The operations behind derived series. Each reads only observations on or before the day it
/// computes, so a derived series cut at an as-of date equals one derived from data cut there.
public enum Transforms {
    /// Evaluates `expression`, fetching input series with `lookup` (already cut at the as-of date).
    public static func evaluate(_ expression: SeriesExpression, id: String, lookup: (String) -> Series?) -> Series? {
        switch expression {
        case .series(let name):
            return lookup(name)
        case .spread(let a, let b):
            guard let x = evaluate(a, id: id, lookup: lookup), let y = evaluate(b, id: id, lookup: lookup) else { return nil }
            return spread(x, y, id: id)
        case .change(let a, let w):
            return evaluate(a, id: id, lookup: lookup).map { change($0, over: w, id: id, percent: false) }
        case .percentChange(let a, let w):
            return evaluate(a, id: id, lookup: lookup).map { change($0, over: w, id: id, percent: true) }
        case .rollingMean(let a, let w):
            return evaluate(a, id: id, lookup: lookup).map { rollingMean($0, over: w, id: id) }
        case .resample(let a, let f, let g):
            return evaluate(a, id: id, lookup: lookup).map { resample($0, f, g, id: id) }
        case .rebase(let a, let day):
            return evaluate(a, id: id, lookup: lookup).map { rebase($0, at: day, id: id) }
        case .basisPoints(let a):
            return evaluate(a, id: id, lookup: lookup).map { s in Series(id: id, days: s.days, values: s.values.map { $0 * 100 }) }
        }
    }

    /// a − b on the days both have a value.
    public static func spread(_ a: Series, _ b: Series, id: String) -> Series {
        var other: [Int: Double] = [:]
        for o in b.observations { other[o.day.ordinal] = o.value }
        var days: [Day] = [], values: [Double] = []
        for o in a.observations { if let v = other[o.day.ordinal] { days.append(o.day); values.append(o.value - v) } }
        return Series(id: id, days: days, values: values)
    }

    /// Value minus (or percent change from) the last value on or before the same day one window earlier.
    public static func change(_ s: Series, over window: Window, id: String, percent: Bool) -> Series {
        let obs = s.observations
        var days: [Day] = [], values: [Double] = []
        var j = 0
        for o in obs {
            let start = window.start(endingOn: o.day)
            while j + 1 < obs.count, obs[j + 1].day <= start { j += 1 }
            guard obs[j].day <= start else { continue }
            let base = obs[j].value
            if percent {
                guard base != 0 else { continue }
                values.append((o.value / base - 1) * 100)
            } else {
                values.append(o.value - base)
            }
            days.append(o.day)
        }
        return Series(id: id, days: days, values: values)
    }

    /// Mean of the observations in the window ending on each day (inclusive), once the window is full.
    public static func rollingMean(_ s: Series, over window: Window, id: String) -> Series {
        let obs = s.observations
        guard let first = obs.first else { return Series(id: id, days: [], values: []) }
        var days: [Day] = [], values: [Double] = []
        var sum = 0.0, start = 0
        for (i, o) in obs.enumerated() {
            sum += o.value
            let from = window.start(endingOn: o.day)
            while obs[start].day <= from { sum -= obs[start].value; start += 1 }
            if first.day <= from {
                days.append(o.day)
                values.append(sum / Double(i - start + 1))
            }
        }
        return Series(id: id, days: days, values: values)
    }

    /// One value per week (Monday-based), month, quarter or year: the last observation or the mean,
    /// dated on the period's last observation (so an unfinished period ends at the latest data).
    public static func resample(_ s: Series, _ frequency: SeriesExpression.Frequency, _ aggregate: SeriesExpression.Aggregate, id: String) -> Series {
        func key(_ d: Day) -> Int {
            switch frequency {
            case .weekly: return (d.ordinal - d.weekday)
            case .monthly: return d.year * 12 + d.month
            case .quarterly: return d.year * 4 + (d.month - 1) / 3
            case .yearly: return d.year
            }
        }
        var days: [Day] = [], values: [Double] = []
        var currentKey: Int?, sum = 0.0, count = 0, lastDay = Day(ordinal: 0), lastValue = 0.0
        func flush() {
            guard count > 0 else { return }
            days.append(lastDay)
            values.append(aggregate == .mean ? sum / Double(count) : lastValue)
        }
        for o in s.observations {
            let k = key(o.day)
            if k != currentKey { flush(); currentKey = k; sum = 0; count = 0 }
            sum += o.value; count += 1; lastDay = o.day; lastValue = o.value
        }
        flush()
        return Series(id: id, days: days, values: values)
    }

    /// The series as an index: 100 × value ÷ the value on (or last before) `day`. Empty when there is
    /// no value by then.
    public static func rebase(_ s: Series, at day: Day, id: String) -> Series {
        let obs = s.observations
        guard let base = obs.last(where: { $0.day <= day }), base.value != 0 else { return Series(id: id, days: [], values: []) }
        return Series(id: id, days: obs.map(\.day), values: obs.map { $0.value / base.value * 100 })
    }
}
