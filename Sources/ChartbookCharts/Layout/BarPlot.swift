import ChartbookCore

/// Horizontal bars, one per category, from zero, each labelled with its value at the bar's end;
/// highlighted categories take the accent colour and the rest are muted.
struct BarPlot {
    var chart: Chart
    var items: [BarItem]
    var theme: ChartTheme

    func render(into svg: inout SVGWriter, region: Rect) {
        guard !items.isEmpty else { return }
        let labelWidth = (items.map { TextWidth.of($0.label, fontSize: theme.sizes.label) }.max() ?? 0) + 10
        let valueLabels = items.map(\.text)
        let valueWidth = (valueLabels.map { TextWidth.of($0, fontSize: theme.sizes.label) }.max() ?? 0) + 8
        let plot = Rect(x: region.x + labelWidth, y: region.y + 4, width: max(40, region.width - labelWidth - valueWidth), height: region.height - 4)
        var axis = chart.valueAxis
        axis.includeZero = true
        let ticks = ValueTicks.make(values: items.map(\.value), axis: axis, length: plot.width * 0.6)
        let x = ValueScale(domain: ticks.domain, range: (plot.x, plot.maxX))
        let band = plot.height / Double(items.count)
        let barHeight = min(26, band * 0.66)
        let anyHighlight = items.contains(where: \.highlight)
        for t in ticks.ticks {
            let gx = SVGWriter.number(x(t))
            svg.open("line", [("class", t == 0 ? "cb-base" : "cb-grid"), ("x1", gx), ("x2", gx), ("y1", SVGWriter.number(plot.y)), ("y2", SVGWriter.number(plot.maxY)),
                              ("stroke", t == 0 ? theme.baseline : theme.grid)], close: true)
        }
        for (i, item) in items.enumerated() {
            let cy = plot.y + band * (Double(i) + 0.5)
            let x0 = x(min(0, item.value)), x1 = x(max(0, item.value))
            let accent = !anyHighlight || item.highlight
            svg.open("rect", [("class", accent ? ChartTheme.fillClass(0) : "cb-ctxf"), ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(cy - barHeight / 2)),
                              ("width", SVGWriter.number(max(0.5, x1 - x0))), ("height", SVGWriter.number(barHeight)),
                              ("fill", accent ? theme.color(0) : theme.context)], close: true)
            svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(region.x)), ("y", SVGWriter.number(cy + theme.sizes.label * 0.35)),
                                 ("font-size", SVGWriter.number(theme.sizes.label)), ("fill", theme.text)], text: item.label)
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number((item.value < 0 ? x0 - 4 : x1 + 4))), ("y", SVGWriter.number(cy + theme.sizes.label * 0.35)),
                                 ("font-size", SVGWriter.number(theme.sizes.label)), ("text-anchor", item.value < 0 ? "end" : "start"), ("fill", theme.mutedText)],
                        text: valueLabels[i])
        }
    }
}
