/// A note pinned to a point: a small ring on the point and the text beside it, with a halo so it
/// stays readable over lines.
public struct TextMark: Mark {
    public var annotation: TextAnnotation

    public init(_ annotation: TextAnnotation) { self.annotation = annotation }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let x = scales.x(annotation.day), y = scales.y(annotation.value)
        svg.open("circle", [("class", "cb-base"), ("cx", SVGWriter.number(x)), ("cy", SVGWriter.number(y)), ("r", "4"), ("fill", "none"),
                            ("stroke", scales.theme.baseline), ("stroke-width", "1.2")], close: true)
        let width = TextWidth.of(annotation.text, fontSize: scales.theme.sizes.label)
        let right = x + 8 + width <= scales.plot.maxX
        let ty = y - 8 < scales.plot.y + scales.theme.sizes.label ? y + scales.theme.sizes.label + 6 : y - 8
        Halo.text(&svg, annotation.text, x: right ? x + 7 : x - 7, y: ty, anchor: right ? "start" : "end", size: scales.theme.sizes.label, theme: scales.theme)
    }
}

/// Text with a background-coloured outline (a halo) so it reads over lines and bands.
enum Halo {
    static func text(_ svg: inout SVGWriter, _ text: String, x: Double, y: Double, anchor: String, size: Double, theme: ChartTheme,
                     color: String? = nil, colorClass: String = "cb-title", bold: Bool = false) {
        var attributes = [("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)), ("font-size", SVGWriter.number(size)), ("text-anchor", anchor)]
        if bold { attributes.append(("font-weight", "bold")) }
        svg.element("text", [("class", "cb-halo")] + attributes + [("fill", "none"), ("stroke", theme.background), ("stroke-width", "3"), ("stroke-linejoin", "round")], text: text)
        svg.element("text", [("class", colorClass)] + attributes + [("fill", color ?? theme.text)], text: text)
    }
}
