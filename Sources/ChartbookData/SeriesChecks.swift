import ChartbookCore

/// Checks on loaded series that are warnings, not errors: a suspicious jump, data too old for an issue.
public enum SeriesChecks {
    /// Values far outside the series' recent history: a one-day jump larger than `factor` times the
    /// whole range of the previous `lookback` observations. Catches a misplaced decimal point or a
    /// change of units in a publisher's file, while real market shocks (a policy surprise moving
    /// yields by a quarter of their annual range) pass.
    public static func outliers(_ series: Series, file: String, factor: Double = 3, lookback: Int = 250) -> [Diagnostic] {
        let indices = series.days.indices.filter { !series.values[$0].isNaN }
        guard indices.count > 30 else { return [] }
        var found: [Diagnostic] = []
        for k in 30..<indices.count {
            let i = indices[k]
            let window = indices[max(0, k - lookback)..<k].map { series.values[$0] }
            guard let lo = window.min(), let hi = window.max(), hi > lo else { continue }
            let jump = series.values[i] - series.values[indices[k - 1]]
            if abs(jump) > factor * (hi - lo) {
                found.append(Diagnostic(.warning, SourceLocation(file: file, line: series.line(at: i)),
                                        "series '\(series.id)': \(series.days[i]) moves \(DecimalFormat.trimmed(jump, maxDecimals: 4)) in one step, more than \(Int(factor))× its range over the previous \(window.count) values; check the value"))
            }
        }
        return found
    }

    /// Data older than the series' staleness limit at `asOf` (the issue that uses it).
    /// How overdue a series is at its facts' as-of date, judged by its own rhythm: the limit is
    /// two and a half times its usual gap between observations (the median of the last twenty),
    /// and never under a fortnight (weekends, holidays, a publisher's lag). Nil when it is not overdue.
    public static func overdue(_ facts: Facts) -> (last: Day, days: Int, limit: Int)? {
        let o = facts.observations
        guard o.count >= 3, let last = o.last else { return nil }
        let gaps = zip(o.suffix(21), o.suffix(21).dropFirst()).map { $1.day.ordinal - $0.day.ordinal }.sorted()
        let limit = max(14, Int((Double(gaps[gaps.count / 2]) * 2.5).rounded(.up)))
        let age = facts.asOf.ordinal - last.day.ordinal
        return age > limit ? (last.day, age, limit) : nil
    }

    public static func staleness(_ info: SeriesInfo, _ series: Series, asOf: Day, issue: String) -> Diagnostic? {
        guard let limit = info.staleAfterDays, let last = series.truncated(through: asOf).observations.last else { return nil }
        let age = asOf.ordinal - last.day.ordinal
        guard age > limit else { return nil }
        return Diagnostic(.warning, info.selection.declaredAt,
                          "series '\(info.id)' is stale for \(issue): its latest value is from \(last.day), \(age) days before the issue's as-of date \(asOf) (limit \(limit) days)")
    }
}
