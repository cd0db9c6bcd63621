import ChartbookCore

/// A word-sized line (Tufte's sparkline) that sits inline in a sentence: no axes, the last value
/// dotted, the high and low marked. Its size is in em so it scales with the text around it.
public struct Sparkline: Sendable {
    public var series: ChartSeries
    /// Accessible label, e.g. "USD/JPY over the past year: 142.61, high 161.73, low 139.58".
    public var label: String

    public init(series: ChartSeries, label: String) {
        self.series = series
        self.label = label
    }

    public func render(theme: ChartTheme = .light) -> String {
        let w = 80.0, h = 20.0, pad = 2.5
        let points = series.points
        var svg = SVGWriter()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 80 20"), ("class", "cb-spark"), ("role", "img"),
                         ("aria-label", label), ("style", "width:4em;height:1em;vertical-align:-0.15em")])
        guard let first = points.first, let last = points.last,
              let lo = points.min(by: { $0.value < $1.value }), let hi = points.max(by: { $0.value < $1.value }) else {
            svg.close("svg")
            return svg.text
        }
        let scales = PlotScales(
            x: LinearScale(domain: (Double(first.day.ordinal), Double(max(last.day.ordinal, first.day.ordinal + 1))), range: (pad, w - pad)),
            y: ValueScale(domain: (lo.value, hi.value == lo.value ? lo.value + 1 : hi.value), range: (h - pad, pad)),
            plot: Rect(x: pad, y: pad, width: w - 2 * pad, height: h - 2 * pad), theme: theme, idPrefix: "spark")
        var line = LineMark(series: series, colorIndex: 0)
        line.strokeWidth = 1.3
        line.render(into: &svg, scales: scales)
        for (point, cls, color) in [(lo, "cb-ctxf", theme.context), (hi, "cb-ctxf", theme.context), (last, ChartTheme.fillClass(0), theme.color(0))] {
            svg.open("circle", [("class", cls), ("cx", SVGWriter.number(scales.x(point.day))), ("cy", SVGWriter.number(scales.y(point.value))),
                                ("r", "1.8"), ("fill", color)], close: true)
        }
        svg.close("svg")
        return svg.text
    }
}
