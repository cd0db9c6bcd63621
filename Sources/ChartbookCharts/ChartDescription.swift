import ChartbookCore

/// Writes a chart's `<desc>` from its data (type, series, period, first, last, high and low), so a
/// screen reader gets the facts a sighted reader sees.
public enum ChartDescription {
    /// Each series' summary (nil for one without values), in order: what `describe` and a chart's
    /// data table are written from, computed once for both.
    public static func summaries(_ chart: Chart) -> [Summary?] { chart.series.map(Summary.init) }

    public static func describe(_ chart: Chart, summaries: [Summary?]? = nil) -> String {
        let zh = chart.language == .zh
        let f = { (v: Double) in DecimalFormat.fixed(v, decimals: chart.valueDecimals) }
        var parts: [String] = []
        switch chart.layout {
        case .bars(let bars):
            let items = bars.items
            if bars.ranked {
                parts.append(zh ? "排名条形图，\(items.count)项，由大到小。" : "Ranked bar chart, \(items.count) bars, largest first.")
            } else {
                parts.append(zh ? "条形图，\(items.count)项。" : "Bar chart, \(items.count) bars.")
            }
            parts.append(items.map { item in
                "\(item.label)\(zh ? "：" : ": ")\(item.text)" + (item.changeText.map { zh ? "（\($0)）" : " (\($0))" } ?? "")
            }.joined(separator: zh ? "；" : "; ") + (zh ? "。" : "."))
            return parts.joined(separator: " ")
        case .curve(let lines):
            parts.append(zh ? "收益率曲线，横轴为期限，\(lines.count)条曲线。" : (lines.count == 1 ? "Curve by maturity, one date." : "Curve by maturity, \(lines.count) dates compared."))
            for line in lines {
                let points = line.points.map { p in CurvePlot.maturityLabel(p.maturity, zh: zh) + (zh ? "为" : " ") + f(p.value) }
                parts.append(line.label + (zh ? "：" : ": ") + points.joined(separator: zh ? "，" : ", ") + (zh ? "。" : "."))
            }
            return parts.joined(separator: " ")
        case .numbers(let table):
            parts.append(zh ? "数据表，\(table.rows.count)行。" : "Table of \(table.rows.count) series.")
            for row in table.rows { parts.append(rowText(row, headings: table.changeHeadings, zh: zh) + (zh ? "。" : ".")) }
            return parts.joined(separator: " ")
        case .scatter:
            let pairs = ScatterPlot.pairs(chart)
            parts.append(zh ? "散点图，\(pairs.count)个点。" : "Scatter plot, \(pairs.count) points.")
        case .smallMultiples:
            parts.append(zh ? "小多图，\(chart.series.count)个面板。" : "Small multiples, \(chart.series.count) panels.")
        case .time:
            let kinds = Set(chart.series.map(\.kind))
            let name = kinds.count == 1 ? kindName(kinds.first!, zh: zh) : (zh ? "组合图" : "Combination chart")
            parts.append(zh ? "\(name)，\(chart.series.count)条序列。" : "\(name), \(chart.series.count) series.")
        }
        let summaries = summaries ?? Self.summaries(chart)
        for (series, summary) in zip(chart.series, summaries) {
            guard let summary else { continue }
            let (first, last, high, low) = (summary.first, summary.last, summary.high, summary.low)
            if zh {
                parts.append("\(series.label)：\(first.day)为\(f(first.value))，\(last.day)为\(f(last.value))；最高\(f(high.value))（\(high.day)），最低\(f(low.value))（\(low.day)）。")
            } else {
                parts.append("\(series.label): \(f(first.value)) on \(first.day), \(f(last.value)) on \(last.day); high \(f(high.value)) (\(high.day)), low \(f(low.value)) (\(low.day)).")
            }
        }
        return parts.joined(separator: " ")
    }

    /// One row of an "in numbers" table as a clause: `JGB 10-year: 1.559%; 1 year +55bp, 1 month +22bp`.
    /// Descriptions and the email's plain text both write rows this way.
    public static func rowText(_ row: NumberRow, headings: [String], zh: Bool) -> String {
        let changes = zip(headings, row.changes).filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1)" }
        return row.label + (zh ? "：" : ": ") + row.latest + (changes.isEmpty ? "" : (zh ? "；" : "; ") + changes.joined(separator: zh ? "，" : ", "))
    }

    /// First, last, highest and lowest points of a series, found in one pass.
    /// A series' first and latest values and its (first) high and low, ignoring missing values,
    /// in one pass: for descriptions and the data table under each chart.
    public struct Summary {
        public var first, last, high, low: (day: Day, value: Double)

        public init?(_ series: ChartSeries) {
            // Indices first, days and values once at the end: this runs over every point of every chart, twice.
            let found: (first: Int, last: Int, high: Int, low: Int)? = series.values.withUnsafeBufferPointer { values in
                guard let i = values.firstIndex(where: { !$0.isNaN }) else { return nil }
                var last = i, high = i, low = i
                var highValue = values[i], lowValue = values[i]
                for j in i..<values.count {
                    let v = values[j]
                    guard !v.isNaN else { continue }
                    last = j
                    if v > highValue { highValue = v; high = j }
                    if v < lowValue { lowValue = v; low = j }
                }
                return (i, last, high, low)
            }
            guard let found else { return nil }
            let point = { (i: Int) in (day: series.days[i], value: series.values[i]) }
            (first, last, high, low) = (point(found.first), point(found.last), point(found.high), point(found.low))
        }
    }

    static func kindName(_ kind: MarkKind, zh: Bool) -> String {
        switch kind {
        case .line: return zh ? "折线图" : "Line chart"
        case .step: return zh ? "阶梯图" : "Step chart"
        case .area: return zh ? "面积图" : "Area chart"
        case .column: return zh ? "柱状图" : "Column chart"
        case .dot: return zh ? "点图" : "Dot chart"
        case .lollipop: return zh ? "棒棒糖图" : "Lollipop chart"
        }
    }
}
