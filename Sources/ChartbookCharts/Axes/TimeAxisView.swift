import ChartbookCore

/// The time axis: a baseline at the bottom of the plot with calendar ticks labelled per locale.
struct TimeAxisView {
    var from: Day
    var to: Day
    var language: EditionLanguage

    func render(into svg: inout SVGWriter, scales: PlotScales, chartWidth: Double) {
        let ticks = TimeTicks.ticks(from: from, to: to, width: scales.plot.width, fontSize: scales.theme.sizes.label, language: language)
        let base = SVGWriter.number(scales.plot.maxY)
        svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(scales.plot.x)), ("x2", SVGWriter.number(scales.plot.maxX)),
                          ("y1", base), ("y2", base), ("stroke", scales.theme.baseline), ("stroke-width", "1")], close: true)
        for tick in ticks {
            let x = scales.x(tick.day)
            svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(x)), ("x2", SVGWriter.number(x)), ("y1", base),
                              ("y2", SVGWriter.number(scales.plot.maxY + 5)), ("stroke", scales.theme.baseline)], close: true)
            let width = TextWidth.of(tick.label, fontSize: scales.theme.sizes.label)
            let cx = min(max(x, scales.plot.x - 4 + width / 2), chartWidth - width / 2 - 2)
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(cx)), ("y", SVGWriter.number(scales.plot.maxY + 8 + scales.theme.sizes.label)),
                                 ("font-size", SVGWriter.number(scales.theme.sizes.label)), ("text-anchor", "middle"), ("fill", scales.theme.mutedText)], text: tick.label)
        }
    }
}
