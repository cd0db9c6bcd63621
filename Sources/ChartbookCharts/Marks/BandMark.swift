import ChartbookCore

/// A shaded date range drawn under the data, labelled at its bottom left (the top belongs to event notes).
public struct BandMark: Mark {
    public var band: DateBand

    public init(_ band: DateBand) { self.band = band }

    /// Narrower than this (in SVG units) a shading cannot be seen: it is drawn as a marked line instead.
    static let minimumWidth = 5.0

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let x0 = max(scales.plot.x, scales.x(band.from)), x1 = min(scales.plot.maxX, scales.x(band.to))
        guard x1 > x0 else { return }
        let narrow = x1 - x0 < BandMark.minimumWidth
        if narrow {
            // A line in the context colour, with a tab at the top so it reads as a marked period, not data.
            let x = SVGWriter.number((x0 + x1) / 2)
            svg.open("line", [("class", "cb-ctxs"), ("x1", x), ("x2", x), ("y1", SVGWriter.number(scales.plot.y)), ("y2", SVGWriter.number(scales.plot.maxY)),
                              ("stroke", scales.theme.context), ("stroke-width", "3")], close: true)
        } else {
            svg.open("rect", [("class", "cb-band"), ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(scales.plot.y)),
                              ("width", SVGWriter.number(x1 - x0)), ("height", SVGWriter.number(scales.plot.height)), ("fill", scales.theme.band)], close: true)
        }
        if let label = band.label {
            // Beside the band (inside it when it is wide), on the side with room, with a halo over lines.
            let size = scales.theme.sizes.label - 1
            let width = TextWidth.of(label, fontSize: size)
            let left = narrow ? x0 - 4 : x0 + 3
            let onLeft = narrow ? left - width >= scales.plot.x : false
            let leftOfBand = narrow && (onLeft || x1 + 4 + width > scales.plot.maxX)
            Halo.text(&svg, label, x: leftOfBand ? x0 - 4 : (narrow ? x1 + 4 : x0 + 3), y: scales.plot.maxY - 5,
                      anchor: leftOfBand ? "end" : "start", size: size, theme: scales.theme, color: scales.theme.mutedText, colorClass: "cb-muted")
        }
    }
}
