/// Direct labels at the right end of each line, in the line's colour, stacked and shifted so they
/// never overlap; a label moved away from its line gets a thin leader.
public struct EndLabels: Mark {
    public struct Item: Sendable {
        public var text: String
        public var anchorY: Double
        public var anchorX: Double
        public var colorIndex: Int
    }

    public var items: [Item]
    public var x: Double
    static let fontSize = Theme.labelSize
    static let gap = 2.0

    public init(items: [Item], x: Double) {
        self.items = items
        self.x = x
    }

    /// Final y positions (text middle) for each item, in the order given, within [top, bottom].
    public static func place(_ anchors: [Double], top: Double, bottom: Double) -> [Double] {
        let height = fontSize + gap
        let order = anchors.indices.sorted { anchors[$0] < anchors[$1] }
        var ys = order.map { min(max(anchors[$0], top + height / 2), bottom - height / 2) }
        // Push down any label that overlaps the one above, then pull the stack up from the bottom.
        for i in ys.indices.dropFirst() where ys[i] - ys[i - 1] < height { ys[i] = ys[i - 1] + height }
        if let last = ys.last, last > bottom - height / 2 {
            ys[ys.count - 1] = bottom - height / 2
            for i in ys.indices.dropLast().reversed() where ys[i + 1] - ys[i] < height { ys[i] = ys[i + 1] - height }
        }
        var result = anchors
        for (k, index) in order.enumerated() { result[index] = ys[k] }
        return result
    }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let placed = EndLabels.place(items.map(\.anchorY), top: scales.plot.y, bottom: scales.plot.maxY)
        for (item, y) in zip(items, placed) {
            let color = item.colorIndex % Theme.lightPalette.count
            var textX = x
            if abs(y - item.anchorY) > 2 {
                svg.open("path", [("class", "cb-s\(color)"), ("d", "M\(SVGWriter.number(item.anchorX + 2)),\(SVGWriter.number(item.anchorY))L\(SVGWriter.number(x + 2)),\(SVGWriter.number(y))"),
                                  ("stroke", Theme.color(item.colorIndex)), ("stroke-width", "0.8"), ("fill", "none")], close: true)
                textX += 4
            }
            svg.element("text", [("class", "cb-t\(color)"), ("x", SVGWriter.number(textX + 4)), ("y", SVGWriter.number(y + EndLabels.fontSize * 0.35)),
                                 ("font-size", SVGWriter.number(EndLabels.fontSize)), ("font-weight", "bold"), ("fill", Theme.color(item.colorIndex))],
                        text: item.text)
        }
    }
}
