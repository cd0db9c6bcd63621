/// A note pinned to a point: a small ring on the point and the text beside it, with a halo so it
/// stays readable over lines. The text takes the first of four places (above right, above left,
/// below right, below left) that stays in the plot and that no plotted line crosses; when none is
/// clear it keeps the first place in the plot, where the halo keeps it legible.
public struct TextMark: Mark {
    public var annotation: TextAnnotation
    /// The series drawn on the plot: the note's text avoids their lines.
    public var avoid: [ChartSeries]

    public init(_ annotation: TextAnnotation, avoid: [ChartSeries] = []) {
        self.annotation = annotation
        self.avoid = avoid
    }

    /// Whether any series' line passes through `box` (in pixels), segment by segment.
    static func crosses(_ series: [ChartSeries], box: Rect, scales: PlotScales) -> Bool {
        let lo = scales.x.invert(box.x), hi = scales.x.invert(box.maxX)
        for s in series where s.kind == .line || s.kind == .step || s.kind == .area {
            var previous: (Double, Double)?
            for (day, value) in zip(s.days, s.values) {
                guard !value.isNaN else { previous = nil; continue }
                let t = Double(day.ordinal)
                if t < lo { previous = (scales.x(t), scales.y(value)); continue }
                let point = (scales.x(t), scales.y(value))
                if let p = previous {
                    // The segment's y range over the box's x range.
                    let x0 = max(box.x, p.0), x1 = min(box.maxX, point.0)
                    if x1 >= x0 {
                        let at = { (x: Double) in point.0 == p.0 ? point.1 : p.1 + (point.1 - p.1) * (x - p.0) / (point.0 - p.0) }
                        let (ya, yb) = (at(x0), at(x1))
                        if max(ya, yb) >= box.y && min(ya, yb) <= box.maxY { return true }
                    }
                }
                if t > hi { break }
                previous = point
            }
        }
        return false
    }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let x = scales.x(annotation.day), y = scales.y(annotation.value)
        svg.open("circle", [("class", "cb-base"), ("cx", SVGWriter.number(x)), ("cy", SVGWriter.number(y)), ("r", "4"), ("fill", "none"),
                            ("stroke", scales.theme.baseline), ("stroke-width", "1.2")], close: true)
        let size = scales.theme.sizes.label
        let width = TextWidth.of(annotation.text, fontSize: size)
        // Baselines above and below the point, and left edges to the right and left of it.
        let places = [(y - 8, x + 7), (y - 8, x - 7 - width), (y + size + 6, x + 7), (y + size + 6, x - 7 - width)]
        let inside = places.filter { $0.1 >= scales.plot.x && $0.1 + width <= scales.plot.maxX && $0.0 - size >= scales.plot.y - 2 && $0.0 <= scales.plot.maxY }
        let clear = inside.first { !TextMark.crosses(avoid, box: Rect(x: $0.1, y: $0.0 - size * 0.8, width: width, height: size), scales: scales) }
        let (ty, left) = clear ?? inside.first ?? places[0]
        Halo.text(&svg, annotation.text, x: left, y: ty, anchor: "start", size: size, theme: scales.theme)
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
