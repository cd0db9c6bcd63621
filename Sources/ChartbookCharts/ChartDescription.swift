import ChartbookCore

/// Writes a chart's `<desc>` from its data (type, series, period, first, last, high and low), so a
/// screen reader gets the facts a sighted reader sees.
public enum ChartDescription {
    public static func describe(_ chart: Chart) -> String {
        let zh = chart.language == .zh
        var parts: [String] = []
        let count = chart.series.count
        parts.append(zh ? "折线图，\(count)条序列。" : "Line chart, \(count) series.")
        for series in chart.series {
            let points = zip(series.days, series.values).filter { !$0.1.isNaN }
            guard let first = points.first, let last = points.last,
                  let high = points.max(by: { $0.1 < $1.1 }), let low = points.min(by: { $0.1 < $1.1 }) else { continue }
            let f = { (v: Double) in DecimalFormat.fixed(v, decimals: chart.valueDecimals) }
            if zh {
                parts.append("\(series.label)：\(first.0)为\(f(first.1))，\(last.0)为\(f(last.1))；最高\(f(high.1))（\(high.0)），最低\(f(low.1))（\(low.0)）。")
            } else {
                parts.append("\(series.label): \(f(first.1)) on \(first.0), \(f(last.1)) on \(last.0); high \(f(high.1)) (\(high.0)), low \(f(low.1)) (\(low.0)).")
            }
        }
        return parts.joined(separator: " ")
    }
}
