/// Direct labels at the right end of each series, in the series' colour, stacked and shifted so
/// they never overlap; a label moved away from its line gets a thin leader.
public struct EndLabels: Mark {
    public struct Item: Sendable {
        public var text: String
        public var anchorY: Double
        public var anchorX: Double
        public var colorIndex: Int
        public var isContext: Bool
    }

    public var items: [Item]
    public var x: Double
    static let gap = 2.0

    public init(items: [Item], x: Double) {
        self.items = items
        self.x = x
    }

    /// Whether `count` labels fit one above another in `height` px; if not, the chart uses a legend.
    public static func fit(count: Int, height: Double, fontSize: Double) -> Bool { Double(count) * (fontSize + gap) <= height }

    /// Final y positions (text middle) for each item, in the order given, within [top, bottom].
    public static func place(_ anchors: [Double], top: Double, bottom: Double, fontSize: Double) -> [Double] {
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
        let fontSize = scales.theme.sizes.label
        let placed = EndLabels.place(items.map(\.anchorY), top: scales.plot.y, bottom: scales.plot.maxY, fontSize: fontSize)
        for (item, y) in zip(items, placed) {
            let color = item.isContext ? scales.theme.context : scales.theme.color(item.colorIndex)
            var textX = x
            if abs(y - item.anchorY) > 2 {
                svg.open("path", [("class", item.isContext ? "cb-ctxs" : ChartTheme.strokeClass(item.colorIndex)),
                                  ("d", "M\(SVGWriter.number(item.anchorX + 2)),\(SVGWriter.number(item.anchorY))L\(SVGWriter.number(x + 5)),\(SVGWriter.number(y))"),
                                  ("stroke", color), ("stroke-width", "0.8"), ("fill", "none")], close: true)
                textX += 4
            }
            svg.element("text", [("class", item.isContext ? "cb-ctxf" : ChartTheme.fillClass(item.colorIndex)), ("x", SVGWriter.number(textX + 6)),
                                 ("y", SVGWriter.number(y + fontSize * 0.35)), ("font-size", SVGWriter.number(fontSize)),
                                 ("font-weight", "bold"), ("fill", color)], text: item.text)
        }
    }
}
