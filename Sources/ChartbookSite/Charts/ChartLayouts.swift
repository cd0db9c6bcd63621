import ChartbookCharts
import ChartbookCore
import ChartbookData

/// The chart types that are not plots over time (bars, curves, tables): each turns the spec's
/// series, cut at the date, into the values its layout draws.
extension ChartBuilder {
    /// One bar per series at its latest value; with `change`, the value that long before is marked
    /// and the change written after the value. A ranked chart sorts and numbers them.
    func barSet(_ spec: ChartSpec, series: [ChartSeries], infos: [SeriesInfo]) -> BarSet {
        let format = LocaleFormatter(language: language)
        var items: [BarItem] = []
        for ((s, ref), info) in zip(zip(series, spec.series), infos) {
            guard let i = s.lastIndex else { continue }
            var item = BarItem(label: s.label, value: s.values[i], text: format.level(s.values[i], units: info.units, decimals: info.decimals),
                               highlight: !ref.context)
            if let window = spec.change, let facts = data.facts(info.id), let change = facts.change(over: window) {
                item.previous = change.from.value
                item.changeText = tableChange(change, info: info)
            }
            items.append(item)
        }
        let words = Words.of(language)
        return BarSet(items: items, ranked: spec.kind == .rankedBar, previousLabel: spec.change.map { words.earlier($0) })
    }

    /// The curve on the latest date all its maturities share, and on each compared date before it.
    func curveLines(_ spec: ChartSpec, infos: [SeriesInfo], end: Day) throws(SourceError) -> [CurveLine] {
        let facts = infos.compactMap { data.facts($0.id) }
        // The newest day on which every maturity has a value: a curve mixes no dates.
        guard facts.count == infos.count, var day = facts.compactMap({ $0.last?.day }).min() else { return [] }
        day = min(day, end)
        let format = LocaleFormatter(language: language)
        var lines: [CurveLine] = []
        for target in [day] + spec.compare.map({ $0.start(endingOn: day) }) {
            var points: [CurvePoint] = []
            var seen: Day?
            for (info, f) in zip(infos, facts) {
                guard let maturity = info.maturity, let o = f.value(on: target), target.ordinal - o.day.ordinal <= 10 else { continue }
                points.append(CurvePoint(maturity: maturity, value: o.value))
                seen = max(seen ?? o.day, o.day)
            }
            if let seen, points.count >= 2 { lines.append(CurveLine(label: format.date(seen), points: points)) }
        }
        guard !lines.isEmpty else { throw SourceError(spec.location, "no date up to \(end) has values for two or more of this curve's maturities") }
        return lines
    }

    /// One row per series: its path over the spec's period (a year unless `last` or `since` says),
    /// its latest level and its change over each of the spec's periods.
    func numberTable(_ spec: ChartSpec, series: [ChartSeries], infos: [SeriesInfo]) -> NumberTable {
        let format = LocaleFormatter(language: language)
        let sparkWindow = spec.last ?? .years(1)
        var rows: [NumberRow] = []
        for (s, info) in zip(series, infos) {
            guard let i = s.lastIndex, let facts = data.facts(info.id) else { continue }
            let start = spec.since ?? sparkWindow.start(endingOn: s.days[i])
            let from = s.days.firstIndex { $0 >= start } ?? 0
            let spark = ChartSeries(label: s.label, days: Array(s.days[from...i]), values: Array(s.values[from...i]))
            rows.append(NumberRow(label: s.label, spark: spark, latest: format.level(s.values[i], units: info.units, decimals: info.decimals),
                                  changes: spec.changes.map { w in comparable(facts, over: w).map { tableChange($0, info: info) } ?? "–" }))
        }
        let words = Words.of(language)
        let sparkHeading = spec.since.map { words.sinceHeading(format.monthYear($0)) } ?? words.periodHeading(sparkWindow)
        return NumberTable(rows: rows, sparkHeading: sparkHeading, latestHeading: words.labels["latest"] ?? "",
                           changeHeadings: spec.changes.map { words.periodHeading($0) })
    }

    /// The change over a window when the series has a value near the window's start: a monthly
    /// series has no one-week change, and quoting last month's would mislabel it.
    func comparable(_ facts: Facts, over window: Window) -> Change? {
        guard let change = facts.change(over: window) else { return nil }
        let start = window.start(endingOn: change.to.day)
        let slack = max(4, (change.to.day.ordinal - start.ordinal) / 4)
        return start.ordinal - change.from.day.ordinal <= slack ? change : nil
    }

    /// A change as a table shows it: basis points for rates, units for ratios, percent for prices and amounts.
    func tableChange(_ change: Change, info: SeriesInfo) -> String {
        let format = LocaleFormatter(language: language)
        switch info.units {
        case .percent, .bp, .ratio: return format.change(change.delta, units: info.units, decimals: info.decimals)
        case .currency, .index, .usdBillions, .jpyBillions: return change.percent.map { format.percentChange($0) } ?? ""
        }
    }
}
