import ChartbookCharts
import ChartbookCore
import ChartbookData

/// Turns a chart spec into a drawable `Chart`: data cut at the issue's as-of date, labels and source
/// line in the edition's language. Every chart names its source: it comes from the catalog, not the author.
struct ChartBuilder: Sendable {
    /// The data as of the issue's date: nothing later can reach a chart.
    let data: DataAsOf
    let language: EditionLanguage

    func build(_ spec: ChartSpec, id: String) throws(SourceError) -> (Chart, [SeriesInfo]) {
        try spec.check(against: data.catalog)
        var series: [ChartSeries] = []
        var infos: [SeriesInfo] = []
        let end = min(spec.until ?? data.day, data.day)
        let defaultKind: MarkKind = MarkKind(rawValue: spec.kind.rawValue) ?? .line
        for ref in spec.series {
            let info: SeriesInfo
            let known: Series
            if let expression = ref.expression {
                info = try data.catalog.describe(expression, label: ref.label, at: ref.location)
                known = data.evaluate(expression, id: ref.id, through: end) ?? Series(id: ref.id, days: [], values: [])
            } else {
                guard let i = data.info(ref.id), let cut = data.series(ref.id, through: end) else {
                    throw SourceError(ref.location, "unknown series '\(ref.id)'")
                }
                (info, known) = (i, cut)
            }
            guard let lastDay = known.days.last else {
                throw SourceError(ref.location, "series '\(ref.id)' has no data on or before \(end)")
            }
            let start = spec.since ?? spec.last.map { $0.start(endingOn: lastDay) }
            let slice = known.slice(from: start, through: end)
            guard slice.hasValues else {
                throw SourceError(ref.location, "series '\(ref.id)' has no data between \(start?.description ?? "the start") and \(end)")
            }
            series.append(ChartSeries(label: ref.label ?? info.label.text(language), days: slice.days, values: slice.values,
                                      kind: ref.kind ?? defaultKind, highlight: Set(ref.highlight), isContext: ref.context))
            infos.append(info)
        }
        var publishers: [String] = []
        for info in infos where !publishers.contains(info.source.credit(language)) {
            publishers.append(info.source.credit(language))
        }
        let words = Words.of(language)
        let sourceLine = words.sourcePrefix + (spec.source ?? publishers.joined(separator: words.sourceSeparator))
        // The latest date actually plotted, which for a discontinued or lagging series is earlier than the issue's.
        let latest = series.compactMap { s in s.lastIndex.map { s.days[$0] } }.max() ?? data.day
        let format = LocaleFormatter(language: language)
        let asOfText = format.date(latest)
        var chart = Chart(id: id, title: spec.title, subtitle: spec.subtitle ?? defaultSubtitle(infos),
                          source: sourceLine + words.latestData(asOfText),
                          series: series, language: language)
        chart.notes = spec.footnote
        chart.valueAxis = spec.valueAxis
        // Ticks count in the unit the edition's prose uses (亿 in Chinese for billions).
        chart.valueAxis.labelScale = infos.first?.units.displayScale(language) ?? 1
        if chart.valueAxis.labelScale == 10, let subtitle = spec.subtitle, subtitle.contains("十亿") {
            // The axis counts in 亿 like the prose: a subtitle in 十亿 would misstate every tick tenfold.
            throw SourceError(spec.location, "the subtitle says 十亿, but Chinese charts of amounts in billions count in 亿 (as the prose does): write 亿美元 or 亿日元")
        }
        chart.referenceLines = spec.rules
        chart.bands = spec.bands
        chart.events = spec.events.filter { $0.day <= data.day }
        chart.fills = spec.fill.map { [$0] } ?? []
        chart.valueDecimals = infos.map(\.decimals).max() ?? 2
        if let h = spec.height { chart.height = h }
        for note in spec.notes where note.day <= data.day {
            var value = note.value
            if let id = note.series, let index = spec.series.firstIndex(where: { $0.id == id }) {
                let s = series[index]
                guard let i = s.days.lastIndex(where: { $0 <= note.day }), !s.values[i].isNaN else {
                    throw SourceError(note.location, "series '\(id)' has no value on or before \(note.day)")
                }
                value = s.values[i]
                chart.annotations.append(TextAnnotation(day: s.days[i], value: s.values[i], text: note.text))
                continue
            }
            if let value { chart.annotations.append(TextAnnotation(day: note.day, value: value, text: note.text)) }
        }
        switch spec.kind {
        case .scatter: chart.layout = .scatter
        case .smallMultiples: chart.layout = .smallMultiples(columns: spec.columns)
        case .bar, .rankedBar:
            chart.layout = .bars(barSet(spec, series: series, infos: infos))
            let rows = Double(spec.series.count)
            chart.height = spec.height ?? max(200, rows * (spec.kind == .rankedBar ? 40 : 34) + (spec.change == nil ? 140 : 160))
        case .curve:
            chart.layout = .curve(try curveLines(spec, infos: infos, end: end))
            chart.height = spec.height ?? 380
        case .numbers:
            chart.layout = .numbers(numberTable(spec, series: series, infos: infos))
            chart.height = spec.height ?? Double(spec.series.count) * 34 + 128
        default: break
        }
        return (chart, infos)
    }

    func defaultSubtitle(_ infos: [SeriesInfo]) -> String {
        guard let units = infos.first?.units else { return "" }
        let zh = language == .zh
        switch units {
        case .percent: return zh ? "%" : "%"
        case .bp: return zh ? "基点" : "Basis points"
        case .ratio: return zh ? "倍" : "Ratio"
        case .currency: return infos.first.map { $0.label.text(language) } ?? ""
        case .usdBillions: return zh ? "亿美元" : "US$ billion"
        case .jpyBillions: return zh ? "亿日元" : "¥ billion"
        case .index: return zh ? "指数" : "Index"
        }
    }
}
