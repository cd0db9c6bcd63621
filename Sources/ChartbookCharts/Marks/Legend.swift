/// A one-line (wrapping) key of coloured swatches, used only when direct labels cannot fit.
public struct Legend: Sendable {
    public var entries: [(label: String, colorIndex: Int, isContext: Bool)]
    public var fontSize: Double

    /// Rows of entries that fit in `width`, for layout before drawing.
    public func rows(width: Double) -> [[Int]] {
        var rows: [[Int]] = [[]]
        var used = 0.0
        for (i, entry) in entries.enumerated() {
            let w = 16 + TextWidth.of(entry.label, fontSize: fontSize) + 14
            if used + w > width && !rows[rows.count - 1].isEmpty { rows.append([]); used = 0 }
            rows[rows.count - 1].append(i)
            used += w
        }
        return rows.filter { !$0.isEmpty }
    }

    public func render(into svg: inout SVGWriter, x: Double, y: Double, width: Double, theme: ChartTheme) {
        for (r, row) in rows(width: width).enumerated() {
            var cx = x
            let cy = y + Double(r) * (fontSize + 6)
            for i in row {
                let entry = entries[i]
                let color = entry.isContext ? theme.context : theme.color(entry.colorIndex)
                svg.open("rect", [("class", entry.isContext ? "cb-ctxf" : ChartTheme.fillClass(entry.colorIndex)), ("x", SVGWriter.number(cx)),
                                  ("y", SVGWriter.number(cy - 8)), ("width", "12"), ("height", "4"), ("fill", color)], close: true)
                svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(cx + 16)), ("y", SVGWriter.number(cy)),
                                     ("font-size", SVGWriter.number(fontSize)), ("fill", theme.text)], text: entry.label)
                cx += 16 + TextWidth.of(entry.label, fontSize: fontSize) + 14
            }
        }
    }
}
