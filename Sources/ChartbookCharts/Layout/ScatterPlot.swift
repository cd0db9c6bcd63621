import ChartbookCore

/// A scatter of two series against each other, matched by date (x from the first, y from the
/// second); the most recent point is ringed and labelled with its date.
struct ScatterPlot {
    var chart: Chart
    var theme: ChartTheme

    /// (x, y, day) for every day on which both series have a value.
    static func pairs(_ chart: Chart) -> [(Double, Double, Day)] {
        guard chart.series.count >= 2 else { return [] }
        var xByDay: [Int: Double] = [:]
        for (d, v) in zip(chart.series[0].days, chart.series[0].values) where !v.isNaN { xByDay[d.ordinal] = v }
        return zip(chart.series[1].days, chart.series[1].values).compactMap { d, v in
            guard !v.isNaN, let x = xByDay[d.ordinal] else { return nil }
            return (x, v, d)
        }
    }

    func render(into svg: inout SVGWriter, region: Rect) {
        let points = ScatterPlot.pairs(chart)
        let xAxisHeight = theme.sizes.label * 2 + 20
        let yTicks = ValueTicks.make(values: points.map(\.1), axis: chart.valueAxis, length: region.height - xAxisHeight)
        let yLabels = yTicks.ticks.map { chart.valueAxis.label($0, decimals: yTicks.decimals) }
        let left = (yLabels.map { TextWidth.of($0, fontSize: theme.sizes.label) }.max() ?? 0) + 8
        let plot = Rect(x: region.x + left, y: region.y + 8, width: region.width - left - 10, height: region.height - xAxisHeight - 8)
        let xTicks = ValueTicks.make(values: points.map(\.0), axis: ValueAxis(), length: plot.width * 0.6)
        let scales = PlotScales(x: LinearScale(domain: xTicks.domain, range: (plot.x, plot.maxX)),
                                y: ValueScale(domain: yTicks.domain, range: (plot.maxY, plot.y)), plot: plot, theme: theme, idPrefix: chart.id)
        ValueAxisView(ticks: yTicks.ticks, labels: yLabels).render(into: &svg, scales: scales, left: region.x)
        let base = SVGWriter.number(plot.maxY)
        svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(plot.x)), ("x2", SVGWriter.number(plot.maxX)), ("y1", base), ("y2", base),
                          ("stroke", theme.baseline)], close: true)
        for t in xTicks.ticks {
            let x = scales.x(t)
            svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(x)), ("x2", SVGWriter.number(x)), ("y1", base), ("y2", SVGWriter.number(plot.maxY + 5)),
                              ("stroke", theme.baseline)], close: true)
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(plot.maxY + 8 + theme.sizes.label)),
                                 ("font-size", SVGWriter.number(theme.sizes.label)), ("text-anchor", "middle"), ("fill", theme.mutedText)],
                        text: DecimalFormat.tick(t, decimals: xTicks.decimals))
        }
        if let xName = chart.series.first?.label {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(plot.maxX)), ("y", SVGWriter.number(plot.maxY + 14 + 2 * theme.sizes.label)),
                                 ("font-size", SVGWriter.number(theme.sizes.label)), ("text-anchor", "end"), ("fill", theme.mutedText)], text: xName + " →")
        }
        var d = ""
        for (x, y, _) in points {
            d += "M" + SVGWriter.number(scales.x(x)) + "," + SVGWriter.number(scales.y(y)) + "m-2.5,0a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0"
        }
        svg.open("path", [("class", ChartTheme.fillClass(0)), ("d", d), ("fill", theme.color(0)), ("fill-opacity", "0.45")], close: true)
        if let last = points.last {
            let note = TextAnnotation(day: last.2, value: last.1, text: last.2.description)
            var latest = scales
            latest.x = LinearScale(domain: (Double(last.2.ordinal) - 1, Double(last.2.ordinal) + 1), range: (scales.x(last.0) - 1, scales.x(last.0) + 1))
            TextMark(note).render(into: &svg, scales: latest)
        }
    }
}
