import ChartbookCore

/// Lays a chart out (title, subtitle, plot, axes, source) and draws its marks into one SVG string.
public struct ChartRenderer: Sendable {
    public init() {}

    public func render(_ chart: Chart) -> String {
        let w = chart.width, h = chart.height
        let pad = 4.0
        let titleLines = TextWidth.wrap(chart.title, fontSize: Theme.titleSize, maxWidth: w - 2 * pad, bold: true)
        let subtitleLines = TextWidth.wrap(chart.subtitle, fontSize: Theme.subtitleSize, maxWidth: w - 2 * pad)
        let footer = [chart.source] + (chart.notes.map { [$0] } ?? [])
        let footerLines = footer.flatMap { TextWidth.wrap($0, fontSize: Theme.sourceSize, maxWidth: w - 2 * pad) }

        var cursor = Theme.titleSize + 2
        let titleYs = titleLines.indices.map { cursor + Double($0) * (Theme.titleSize + 5) }
        cursor = (titleYs.last ?? cursor) + Theme.subtitleSize + 8
        let subtitleYs = subtitleLines.indices.map { cursor + Double($0) * (Theme.subtitleSize + 4) }
        let plotTop = (subtitleYs.last ?? cursor) + 22
        let footerHeight = Double(footerLines.count) * (Theme.sourceSize + 4)
        let plotBottom = h - footerHeight - Theme.labelSize - 22

        // Value axis: the data's range, widened to nice steps.
        let yTicks = valueTicks(chart, plotHeight: plotBottom - plotTop)
        let tickLabels = yTicks.ticks.map { DecimalFormat.fixed($0, decimals: chart.valueAxis.decimals ?? yTicks.decimals) + chart.valueAxis.suffix }
        let leftMargin = (tickLabels.map { TextWidth.of($0, fontSize: Theme.labelSize) }.max() ?? 0) + 8
        let labels = chart.series.map(\.label)
        let rightMargin = chart.series.count > 0 ? (labels.map { TextWidth.of($0, fontSize: Theme.labelSize, bold: true) }.max() ?? 0) + 14 : 4
        let plot = Rect(x: pad + leftMargin, y: plotTop, width: max(40, w - pad - leftMargin - rightMargin - pad), height: max(40, plotBottom - plotTop))

        let (firstDay, lastDay) = dayRange(chart)
        let scales = PlotScales(
            x: LinearScale(domain: (Double(firstDay.ordinal), Double(lastDay.ordinal)), range: (plot.x, plot.maxX)),
            y: LinearScale(domain: yTicks.domain, range: (plot.maxY, plot.y)),
            plot: plot)

        var svg = SVGWriter()
        let titleId = "\(chart.id)-title", descId = "\(chart.id)-desc"
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(SVGWriter.number(w)) \(SVGWriter.number(h))"),
                         ("width", "100%"), ("role", "img"), ("aria-labelledby", "\(titleId) \(descId)"), ("id", chart.id),
                         ("font-family", Theme.fontFamily), ("class", "cb-chart")])
        svg.element("title", [("id", titleId)], text: chart.title)
        svg.element("desc", [("id", descId)], text: ChartDescription.describe(chart))
        svg.raw("<style>\(Theme.darkStyle)</style>")
        svg.open("rect", [("class", "cb-bg"), ("width", "100%"), ("height", "100%"), ("fill", Theme.background)], close: true)
        for (line, y) in zip(titleLines, titleYs) {
            svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(pad)), ("y", SVGWriter.number(y)), ("font-size", SVGWriter.number(Theme.titleSize)),
                                 ("font-weight", "bold"), ("fill", Theme.text)], text: line)
        }
        for (line, y) in zip(subtitleLines, subtitleYs) {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(pad)), ("y", SVGWriter.number(y)), ("font-size", SVGWriter.number(Theme.subtitleSize)),
                                 ("fill", Theme.mutedText)], text: line)
        }
        drawValueAxis(&svg, ticks: yTicks.ticks, labels: tickLabels, scales: scales, left: pad)
        drawTimeAxis(&svg, chart: chart, from: firstDay, to: lastDay, scales: scales)

        var marks: [any Mark] = chart.referenceLines.map { RuleMark($0) }
        var endItems: [EndLabels.Item] = []
        for (i, series) in chart.series.enumerated() {
            marks.append(LineMark(series: series, colorIndex: i))
            if let last = series.lastIndex {
                endItems.append(.init(text: series.label, anchorY: scales.y(series.values[last]),
                                      anchorX: scales.x(Double(series.days[last].ordinal)), colorIndex: i))
            }
        }
        marks.append(EndLabels(items: endItems, x: plot.maxX))
        for mark in marks { mark.render(into: &svg, scales: scales) }

        var footerY = h - footerHeight + Theme.sourceSize
        for line in footerLines {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(pad)), ("y", SVGWriter.number(footerY)),
                                 ("font-size", SVGWriter.number(Theme.sourceSize)), ("fill", Theme.mutedText)], text: line)
            footerY += Theme.sourceSize + 4
        }
        svg.close("svg")
        return svg.text
    }

    struct ValueTicks {
        var domain: (Double, Double)
        var ticks: [Double]
        var decimals: Int
    }

    func valueTicks(_ chart: Chart, plotHeight: Double) -> ValueTicks {
        var lo = Double.infinity, hi = -Double.infinity
        for s in chart.series { for v in s.values where !v.isNaN { lo = min(lo, v); hi = max(hi, v) } }
        for r in chart.referenceLines { lo = min(lo, r.value); hi = max(hi, r.value) }
        if chart.valueAxis.includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if !lo.isFinite { lo = 0; hi = 1 }
        if lo == hi { lo -= 1; hi += 1 }
        let count = max(3, min(8, Int(plotHeight / 55)))
        var (nlo, nhi) = LinearTicks.nice(lo, hi, count: count)
        if let m = chart.valueAxis.min { nlo = m }
        if let m = chart.valueAxis.max { nhi = m }
        let ticks = LinearTicks.ticks(nlo, nhi, count: count)
        let step = LinearTicks.step(nlo, nhi, count: count)
        return ValueTicks(domain: (nlo, nhi), ticks: ticks, decimals: LinearTicks.decimals(forStep: step))
    }

    func dayRange(_ chart: Chart) -> (Day, Day) {
        let firsts = chart.series.compactMap(\.days.first), lasts = chart.series.compactMap(\.days.last)
        let first = firsts.min() ?? Day(ordinal: 0), last = lasts.max() ?? Day(ordinal: 1)
        return (first, last > first ? last : first.adding(days: 1))
    }

    /// Gridlines across the plot with labels sitting on them at the left; zero gets a heavier baseline.
    func drawValueAxis(_ svg: inout SVGWriter, ticks: [Double], labels: [String], scales: PlotScales, left: Double) {
        for (value, label) in zip(ticks, labels) {
            let y = SVGWriter.number(scales.y(value))
            let isZero = value == 0
            svg.open("line", [("class", isZero ? "cb-base" : "cb-grid"), ("x1", SVGWriter.number(left)), ("x2", SVGWriter.number(scales.plot.maxX)),
                              ("y1", y), ("y2", y), ("stroke", isZero ? Theme.baseline : Theme.grid), ("stroke-width", isZero ? "1.2" : "1")], close: true)
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(left)), ("y", SVGWriter.number(scales.y(value) - 4)),
                                 ("font-size", SVGWriter.number(Theme.labelSize)), ("fill", Theme.mutedText)], text: label)
        }
    }

    func drawTimeAxis(_ svg: inout SVGWriter, chart: Chart, from: Day, to: Day, scales: PlotScales) {
        let ticks = TimeTicks.ticks(from: from, to: to, width: scales.plot.width, fontSize: Theme.labelSize, language: chart.language)
        let base = SVGWriter.number(scales.plot.maxY)
        svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(scales.plot.x)), ("x2", SVGWriter.number(scales.plot.maxX)),
                          ("y1", base), ("y2", base), ("stroke", Theme.baseline), ("stroke-width", "1")], close: true)
        for tick in ticks {
            let x = scales.x(Double(tick.day.ordinal))
            svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(x)), ("x2", SVGWriter.number(x)), ("y1", base),
                              ("y2", SVGWriter.number(scales.plot.maxY + 5)), ("stroke", Theme.baseline)], close: true)
            let width = TextWidth.of(tick.label, fontSize: Theme.labelSize)
            let cx = min(max(x, scales.plot.x - 4 + width / 2), chart.width - width / 2 - 2)
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(cx)), ("y", SVGWriter.number(scales.plot.maxY + 8 + Theme.labelSize)),
                                 ("font-size", SVGWriter.number(Theme.labelSize)), ("text-anchor", "middle"), ("fill", Theme.mutedText)], text: tick.label)
        }
    }
}
