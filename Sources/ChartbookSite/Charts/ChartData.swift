import ChartbookCharts
import ChartbookCore
import ChartbookData

/// A chart's data as CSV: one row per date, one column per series, as plotted (cut at the as-of date).
enum ChartData {
    static func csv(_ chart: Chart, infos: [SeriesInfo], rows: ChartCSVRows? = nil, store: DataStore? = nil) -> String {
        // Merge the series' sorted dates in one pass (a 30-year chart has thousands of rows).
        var positions = [Int](repeating: 0, count: chart.series.count)
        var bytes = Array(("date," + zip(chart.series, infos).map { quote("\($0.label) (\($1.id))") }.joined(separator: ",") + "\n").utf8)
        bytes.reserveCapacity(bytes.count + (chart.series.map(\.days.count).max() ?? 0) * (12 + 8 * chart.series.count))
        let decimals = infos.map { max($0.decimals, 2) }
        if chart.series.count == 1 {
            // The common case, without the merge: one row per value.
            let s = chart.series[0]
            if let rows, let store, let cached = rows.rows(infos[0].id, decimals: decimals[0], plotted: s, whole: { store.series(infos[0].id) }) {
                bytes.append(contentsOf: cached)
                return String(decoding: bytes, as: UTF8.self)
            }
            for i in 0..<s.days.count where !s.values[i].isNaN {
                appendRow(day: s.days[i], value: s.values[i], decimals: decimals[0], to: &bytes)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        while true {
            var next: Day?
            for k in chart.series.indices {
                let s = chart.series[k]
                while positions[k] < s.days.count && s.values[positions[k]].isNaN { positions[k] += 1 }
                if positions[k] < s.days.count, next.map({ s.days[positions[k]] < $0 }) ?? true { next = s.days[positions[k]] }
            }
            guard let day = next else { break }
            day.appendISO(to: &bytes)
            for k in chart.series.indices {
                let s = chart.series[k]
                bytes.append(44)
                if positions[k] < s.days.count && s.days[positions[k]] == day {
                    DecimalFormat.appendFixed(s.values[positions[k]], decimals: decimals[k], to: &bytes)
                    positions[k] += 1
                }
            }
            bytes.append(10)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One `date,value` row.
    static func appendRow(day: Day, value: Double, decimals: Int, to bytes: inout [UInt8]) {
        day.appendISO(to: &bytes)
        bytes.append(44)
        DecimalFormat.appendFixed(value, decimals: decimals, to: &bytes)
        bytes.append(10)
    }

    /// One CSV text field (see `Escape.csv`).
    static func quote(_ field: String) -> String { Escape.csv(field) }
}
