/// A dated event: a thin dashed vertical line with a short note at the top of the plot. Notes of
/// neighbouring events move down a row so they never overlap.
public struct EventMark: Mark {
    public var events: [EventMarker]

    public init(_ events: [EventMarker]) { self.events = events }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        var rowEnds: [Double] = []
        for event in events.sorted(by: { $0.day < $1.day }) {
            let x = scales.x(event.day)
            guard x >= scales.plot.x - 0.5, x <= scales.plot.maxX + 0.5 else { continue }
            let width = TextWidth.of(event.label, fontSize: scales.theme.sizes.label - 1)
            let anchorEnd = x + width + 4 > scales.plot.maxX
            let left = anchorEnd ? x - width - 3 : x + 3
            let row = rowEnds.firstIndex { $0 < left - 4 } ?? rowEnds.count
            if row == rowEnds.count { rowEnds.append(0) }
            rowEnds[row] = left + width
            // Rows a line and a quarter apart: Chinese glyphs fill their em box, and tighter rows touched.
            let rowHeight = scales.theme.sizes.label * 1.25
            let y = scales.plot.y + rowHeight * Double(row) + scales.theme.sizes.label + 2
            svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(x)), ("x2", SVGWriter.number(x)), ("y1", SVGWriter.number(scales.plot.y + rowHeight * Double(row) + 4)),
                              ("y2", SVGWriter.number(scales.plot.maxY)), ("stroke", scales.theme.baseline), ("stroke-width", "0.8"), ("stroke-dasharray", "3 3")], close: true)
            Halo.text(&svg, event.label, x: anchorEnd ? x - 3 : x + 3, y: y, anchor: anchorEnd ? "end" : "start", size: scales.theme.sizes.label - 1, theme: scales.theme)
        }
    }
}
