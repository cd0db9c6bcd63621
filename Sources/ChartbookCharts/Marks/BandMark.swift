import ChartbookCore

/// A shaded date range drawn under the data, labelled at its bottom left (the top belongs to event notes).
public struct BandMark: Mark {
    public var band: DateBand

    public init(_ band: DateBand) { self.band = band }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let x0 = max(scales.plot.x, scales.x(band.from)), x1 = min(scales.plot.maxX, scales.x(band.to))
        guard x1 > x0 else { return }
        svg.open("rect", [("class", "cb-band"), ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(scales.plot.y)),
                          ("width", SVGWriter.number(max(1, x1 - x0))), ("height", SVGWriter.number(scales.plot.height)), ("fill", scales.theme.band)], close: true)
        if let label = band.label {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(x0 + 3)), ("y", SVGWriter.number(scales.plot.maxY - 5)),
                                 ("font-size", SVGWriter.number(scales.theme.sizes.label - 1)), ("fill", scales.theme.mutedText)], text: label)
        }
    }
}
