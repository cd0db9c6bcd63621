/// A horizontal reference line across the plot, with an optional label at its left end.
public struct RuleMark: Mark {
    public var line: ReferenceLine

    public init(_ line: ReferenceLine) { self.line = line }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let y = SVGWriter.number(scales.y(line.value))
        svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(scales.plot.x)), ("x2", SVGWriter.number(scales.plot.maxX)),
                          ("y1", y), ("y2", y), ("stroke", Theme.baseline), ("stroke-width", "1"), ("stroke-dasharray", "4 3")], close: true)
        if let label = line.label {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(scales.plot.x + 4)), ("y", SVGWriter.number(scales.y(line.value) - 4)),
                                 ("font-size", SVGWriter.number(Theme.labelSize)), ("fill", Theme.mutedText)], text: label)
        }
    }
}
