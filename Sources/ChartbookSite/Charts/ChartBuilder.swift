import ChartbookCharts
import ChartbookCore
import ChartbookData

/// Turns a chart spec into a drawable `Chart`: data cut at the issue's as-of date, labels and source
/// line in the edition's language. Every chart names its source: it comes from the catalog, not the author.
struct ChartBuilder: Sendable {
    let store: DataStore
    let asOf: Day
    let language: EditionLanguage

    func build(_ spec: ChartSpec, id: String) throws(SourceError) -> (Chart, [SeriesInfo]) {
        try spec.check(against: store.catalog)
        var series: [ChartSeries] = []
        var infos: [SeriesInfo] = []
        let end = min(spec.until ?? asOf, asOf)
        for ref in spec.series {
            guard let info = store.info(ref.id), let data = store.series(ref.id) else {
                throw SourceError(ref.location, "unknown series '\(ref.id)'")
            }
            let known = data.truncated(through: end)
            guard let lastDay = known.days.last else {
                throw SourceError(ref.location, "series '\(ref.id)' has no data on or before \(end)")
            }
            let start = spec.since ?? spec.last.map { $0.start(endingOn: lastDay) }
            let slice = known.slice(from: start, through: end)
            guard slice.observations.count > 0 else {
                throw SourceError(ref.location, "series '\(ref.id)' has no data between \(start?.description ?? "the start") and \(end)")
            }
            series.append(ChartSeries(label: ref.label ?? info.label.text(language), days: slice.days, values: slice.values))
            infos.append(info)
        }
        var publishers: [String] = []
        for info in infos where !publishers.contains(info.source.publisher.text(language)) {
            publishers.append(info.source.publisher.text(language))
        }
        let sourceLine = (language == .zh ? "来源：" : "Source: ") + (spec.source ?? publishers.joined(separator: language == .zh ? "；" : "; "))
        // The latest date actually plotted, which for a discontinued or lagging series is earlier than the issue's.
        let latest = series.compactMap { s in s.lastIndex.map { s.days[$0] } }.max() ?? asOf
        let asOfText = LocaleFormatter(language: language).date(latest)
        var chart = Chart(id: id, title: spec.title, subtitle: spec.subtitle ?? defaultSubtitle(infos),
                          source: sourceLine + (language == .zh ? "。数据截至\(asOfText)" : ". Latest data: \(asOfText)"),
                          series: series, language: language)
        chart.notes = spec.notes
        chart.valueAxis = spec.valueAxis
        chart.referenceLines = spec.rules
        chart.valueDecimals = infos.map(\.decimals).max() ?? 2
        if let h = spec.height { chart.height = h }
        return (chart, infos)
    }

    func defaultSubtitle(_ infos: [SeriesInfo]) -> String {
        guard let units = infos.first?.units else { return "" }
        let zh = language == .zh
        switch units {
        case .percent: return zh ? "收益率，%" : "Yield, %"
        case .bp: return zh ? "基点" : "Basis points"
        case .ratio: return zh ? "倍" : "Ratio"
        case .currency: return infos.first.map { $0.label.text(language) } ?? ""
        case .usdBillions: return zh ? "十亿美元" : "US$ billion"
        case .jpyBillions: return zh ? "十亿日元" : "¥ billion"
        case .index: return zh ? "指数" : "Index"
        }
    }
}
