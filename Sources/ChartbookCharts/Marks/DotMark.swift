/// Dots at each value; as a lollipop, each dot also gets a stem from the baseline. Suits ratios that
/// sit far from zero, such as auction bid-to-cover, where columns would look flat.
public struct DotMark: Mark {
    public var series: ChartSeries
    public var colorIndex: Int
    public var stems: Bool
    public var radius = 3.0

    public init(series: ChartSeries, colorIndex: Int, stems: Bool = false) {
        self.series = series
        self.colorIndex = colorIndex
        self.stems = stems
    }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let muted = !series.highlight.isEmpty
        let base = scales.y(scales.y.domain.0 <= 0 && scales.y.domain.1 >= 0 ? 0 : scales.y.domain.0)
        var stemPath = "", plain = "", accent = ""
        let r = SVGWriter.number(radius)
        for (i, value) in series.values.enumerated() where !value.isNaN {
            let x = SVGWriter.number(scales.x(series.days[i])), y = SVGWriter.number(scales.y(value))
            if stems { stemPath += "M\(x),\(SVGWriter.number(base))V\(y)" }
            // A circle as two arcs keeps every dot in one path.
            let dot = "M\(x),\(y)m-\(r),0a\(r),\(r) 0 1,0 \(SVGWriter.number(radius * 2)),0a\(r),\(r) 0 1,0 -\(SVGWriter.number(radius * 2)),0"
            if series.highlight.contains(series.days[i]) { accent += dot } else { plain += dot }
        }
        let color = scales.theme.color(colorIndex)
        if !stemPath.isEmpty {
            svg.open("path", [("class", muted ? "cb-ctxs" : ChartTheme.strokeClass(colorIndex)), ("d", stemPath),
                              ("stroke", muted ? scales.theme.context : color), ("stroke-width", "1")], close: true)
        }
        if !plain.isEmpty {
            svg.open("path", [("class", muted ? "cb-ctxf" : ChartTheme.fillClass(colorIndex)), ("d", plain), ("fill", muted ? scales.theme.context : color)], close: true)
        }
        if !accent.isEmpty {
            svg.open("path", [("class", ChartTheme.fillClass(colorIndex)), ("d", accent), ("fill", color)], close: true)
        }
    }
}
