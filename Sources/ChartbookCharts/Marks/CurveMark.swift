/// One date's curve: straight segments between maturities with a dot at each, since a yield curve
/// is known only at the maturities quoted and the dots say where.
struct CurveMark: Mark {
    var line: CurveLine
    var colorIndex: Int
    var strokeWidth: Double

    func render(into svg: inout SVGWriter, scales: PlotScales) {
        guard !line.points.isEmpty else { return }
        let color = scales.theme.color(colorIndex)
        var d = ""
        for (i, p) in line.points.enumerated() {
            d += (i == 0 ? "M" : "L") + SVGWriter.number(scales.x(p.maturity)) + "," + SVGWriter.number(scales.y(p.value))
        }
        svg.open("path", [("class", ChartTheme.strokeClass(colorIndex)), ("d", d), ("fill", "none"), ("stroke", color),
                          ("stroke-width", SVGWriter.number(strokeWidth)), ("stroke-linejoin", "round")], close: true)
        for p in line.points {
            svg.open("circle", [("class", ChartTheme.fillClass(colorIndex)), ("cx", SVGWriter.number(scales.x(p.maturity))),
                                ("cy", SVGWriter.number(scales.y(p.value))), ("r", SVGWriter.number(strokeWidth + 1)), ("fill", color)], close: true)
        }
    }
}
