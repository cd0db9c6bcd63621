/// Horizontal gridlines with their labels sitting on them at the left (the FT and Economist style);
/// zero gets the heavier baseline.
struct ValueAxisView {
    var ticks: [Double]
    var labels: [String]

    func render(into svg: inout SVGWriter, scales: PlotScales, left: Double) {
        for (value, label) in zip(ticks, labels) {
            let yy = scales.y(value)
            guard yy >= scales.plot.y - 0.5, yy <= scales.plot.maxY + 0.5 else { continue }
            let y = SVGWriter.number(yy)
            let isZero = value == 0 && !scales.y.logarithmic
            svg.open("line", [("class", isZero ? "cb-base" : "cb-grid"), ("x1", SVGWriter.number(left)), ("x2", SVGWriter.number(scales.plot.maxX)),
                              ("y1", y), ("y2", y), ("stroke", isZero ? scales.theme.baseline : scales.theme.grid), ("stroke-width", isZero ? "1.2" : "1")], close: true)
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(left)), ("y", SVGWriter.number(yy - 4)),
                                 ("font-size", SVGWriter.number(scales.theme.sizes.label)), ("fill", scales.theme.mutedText)], text: label)
        }
    }
}
