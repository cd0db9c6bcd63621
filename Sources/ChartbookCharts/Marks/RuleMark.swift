/// A horizontal reference line across the plot (zero, a 2 % target), with an optional label.
public struct RuleMark: Mark {
    public var line: ReferenceLine

    public init(_ line: ReferenceLine) { self.line = line }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let yValue = scales.y(line.value)
        guard yValue >= scales.plot.y - 0.5, yValue <= scales.plot.maxY + 0.5 else { return }
        let y = SVGWriter.number(yValue)
        svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(scales.plot.x)), ("x2", SVGWriter.number(scales.plot.maxX)),
                          ("y1", y), ("y2", y), ("stroke", scales.theme.baseline), ("stroke-width", "1"), ("stroke-dasharray", "4 3")], close: true)
        if let label = line.label {
            Halo.text(&svg, label, x: scales.plot.maxX - 2, y: yValue - 4, anchor: "end", size: scales.theme.sizes.label, theme: scales.theme)
        }
    }
}
