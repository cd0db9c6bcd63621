/// Vertical columns from zero, one per dated value (e.g. one per bond auction). Columns named in
/// the series' `highlight` take the series colour; when any are highlighted, the rest are muted.
/// In a dense history (233 auctions on a phone leave each column half a pixel) a highlighted column
/// keeps a width of its own and gets a dot on its end, so the chart never hides the point it is about.
public struct ColumnMark: Mark {
    public var series: ChartSeries
    public var colorIndex: Int

    public init(series: ChartSeries, colorIndex: Int) {
        self.series = series
        self.colorIndex = colorIndex
    }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let xs = series.days.map { scales.x($0) }
        var gap = scales.plot.width
        for (a, b) in zip(xs, xs.dropFirst()) where b - a > 0 { gap = min(gap, b - a) }
        let width = max(0.6, min(28, gap * 0.7))
        let zero = scales.y(min(max(0, scales.y.domain.0), scales.y.domain.1))
        let muted = !series.highlight.isEmpty
        let dense = width < 3
        let accentWidth = max(width, 3)
        var plain = "", accent = ""
        var ends: [(Double, Double)] = []
        for (i, value) in series.values.enumerated() where !value.isNaN {
            let y = scales.y(value)
            let highlighted = series.highlight.contains(series.days[i])
            let w = highlighted ? accentWidth : width
            let rect = "M" + SVGWriter.number(xs[i] - w / 2) + "," + SVGWriter.number(min(y, zero)) + "h" + SVGWriter.number(w)
                + "v" + SVGWriter.number(abs(zero - y)) + "h" + SVGWriter.number(-w) + "Z"
            if highlighted { accent += rect; ends.append((xs[i], y)) } else { plain += rect }
        }
        // One path per colour keeps a 300-column chart small.
        if !plain.isEmpty {
            let (cls, color) = muted ? ("cb-ctxf", scales.theme.context) : (ChartTheme.fillClass(colorIndex), scales.theme.color(colorIndex))
            svg.open("path", [("class", cls), ("d", plain), ("fill", color)], close: true)
        }
        if !accent.isEmpty {
            svg.open("path", [("class", ChartTheme.fillClass(colorIndex)), ("d", accent), ("fill", scales.theme.color(colorIndex))], close: true)
            if dense {
                for (x, y) in ends {
                    svg.open("circle", [("class", ChartTheme.fillClass(colorIndex)), ("cx", SVGWriter.number(x)), ("cy", SVGWriter.number(y)), ("r", "3.5"),
                                        ("fill", scales.theme.color(colorIndex))], close: true)
                }
            }
        }
    }
}
