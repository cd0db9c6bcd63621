import ChartbookCharts
import ChartbookCore
import Foundation

/// The chart benchmark's workloads: synthetic daily series, deterministic, written as CSV so another
/// charting tool (matplotlib, in `Benchmarks/`) can draw exactly the same data.
public enum ChartBenchmark {
    public struct Workload: Sendable {
        public var name: String
        public var chart: Chart
    }

    /// Business days (Mon–Fri) from `start`, `count` of them.
    static func businessDays(from start: Day, count: Int) -> [Day] {
        var days: [Day] = []
        var d = start
        while days.count < count {
            if d.weekday < 5 { days.append(d) }
            d = d.adding(days: 1)
        }
        return days
    }

    /// A random walk from a fixed seed: yields that move a few basis points a day.
    static func walk(count: Int, seed: UInt64, start: Double) -> [Double] {
        var state = seed, value = start
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            value += Double(Int64(state >> 33) % 2001 - 1000) / 1000 * 0.05
            value = max(-0.5, value)
            return (value * 1000).rounded() / 1000
        }
    }

    /// 3 series × 7,800 business days (about 30 years), and one 300-point series.
    public static func workloads() -> [Workload] {
        let days = businessDays(from: Day(iso: "1995-06-01")!, count: 7_800)
        let big = Chart(id: "bench-3x7800", title: "Three yields over 30 years", subtitle: "Daily, %", source: "Source: synthetic benchmark data",
                        series: (0..<3).map { k in ChartSeries(label: "Series \(k + 1)", days: days, values: walk(count: days.count, seed: UInt64(k + 1), start: 2 + Double(k))) },
                        language: .en)
        let shortDays = businessDays(from: Day(iso: "2024-03-01")!, count: 300)
        let small = Chart(id: "bench-1x300", title: "One series, 300 days", subtitle: "Daily, %", source: "Source: synthetic benchmark data",
                          series: [ChartSeries(label: "Series 1", days: shortDays, values: walk(count: 300, seed: 9, start: 4))], language: .en)
        return [Workload(name: "3x7800", chart: big), Workload(name: "1x300", chart: small)]
    }

    /// The workload's data as `date,<label>…` CSV.
    public static func csv(_ chart: Chart) -> String {
        var text = "date," + chart.series.map(\.label).joined(separator: ",") + "\n"
        for i in chart.series[0].days.indices {
            text += chart.series[0].days[i].description
            for s in chart.series { text += "," + DecimalFormat.fixed(s.values[i], decimals: 3) }
            text += "\n"
        }
        return text
    }
}
