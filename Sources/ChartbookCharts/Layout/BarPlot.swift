import ChartbookCore

/// Horizontal bars, one per category, from zero, each labelled with its value at the bar's end;
/// highlighted categories take the accent colour and the rest are muted. A ranked set is numbered,
/// largest first, and marks each bar's earlier value with a tick, with the change after the value.
struct BarPlot {
    var chart: Chart
    var bars: BarSet
    var theme: ChartTheme

    /// The text after a bar: its value, then its change when there is one.
    func valueText(_ item: BarItem) -> String { item.text + (item.changeText.map { "  " + $0 } ?? "") }

    func render(into svg: inout SVGWriter, region: Rect) {
        let items = bars.items
        guard !items.isEmpty else { return }
        let size = theme.sizes.label
        let rankWidth = bars.ranked ? TextWidth.of("\(items.count).", fontSize: size) + 6 : 0
        let labelWidth = (items.map { TextWidth.of($0.label, fontSize: size) }.max() ?? 0) + 10
        let valueWidth = (items.map { TextWidth.of(valueText($0), fontSize: size) }.max() ?? 0) + 8
        // On a narrow chart long category names go above their bars rather than squeeze the bars to nothing.
        let labelsAbove = rankWidth + labelWidth > region.width * 0.34
        var top = region.y + 4
        if let key = bars.previousLabel, items.contains(where: { $0.previous != nil }) {
            let y = top + size * 0.5
            svg.open("line", [("class", "cb-ink"), ("x1", SVGWriter.number(region.x + 1)), ("x2", SVGWriter.number(region.x + 1)),
                              ("y1", SVGWriter.number(y - size * 0.55)), ("y2", SVGWriter.number(y + size * 0.55)), ("stroke", theme.text), ("stroke-width", "2")], close: true)
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(region.x + 8)), ("y", SVGWriter.number(y + size * 0.35)),
                                 ("font-size", SVGWriter.number(size)), ("fill", theme.mutedText)], text: key)
            top += size + 10
        }
        let left = region.x + (labelsAbove ? rankWidth : rankWidth + labelWidth)
        let plot = Rect(x: left, y: top, width: max(40, region.maxX - left - valueWidth), height: region.maxY - top)
        var axis = chart.valueAxis
        axis.includeZero = true
        let ticks = ValueTicks.make(values: items.map(\.value) + items.compactMap(\.previous), axis: axis, length: plot.width * 0.6)
        let x = ValueScale(domain: ticks.domain, range: (plot.x, plot.maxX))
        let band = plot.height / Double(items.count)
        let labelRow = labelsAbove ? size + 4 : 0
        let barHeight = min(26, (band - labelRow) * 0.66)
        let anyHighlight = items.contains(where: \.highlight)
        // Names above the bars would sit on gridlines: there only each bar's zero is drawn.
        for t in ticks.ticks where !labelsAbove {
            let gx = SVGWriter.number(x(t))
            svg.open("line", [("class", t == 0 ? "cb-base" : "cb-grid"), ("x1", gx), ("x2", gx), ("y1", SVGWriter.number(plot.y)), ("y2", SVGWriter.number(plot.maxY)),
                              ("stroke", t == 0 ? theme.baseline : theme.grid)], close: true)
        }
        for (i, item) in items.enumerated() {
            let cy = plot.y + band * Double(i) + labelRow + (band - labelRow) / 2
            let x0 = x(min(0, item.value)), x1 = x(max(0, item.value))
            let accent = !anyHighlight || item.highlight
            if labelsAbove {
                let zx = SVGWriter.number(x(0))
                svg.open("line", [("class", "cb-base"), ("x1", zx), ("x2", zx), ("y1", SVGWriter.number(cy - barHeight / 2 - 2)),
                                  ("y2", SVGWriter.number(cy + barHeight / 2 + 2)), ("stroke", theme.baseline)], close: true)
            }
            svg.open("rect", [("class", accent ? ChartTheme.fillClass(0) : "cb-ctxf"), ("x", SVGWriter.number(x0)), ("y", SVGWriter.number(cy - barHeight / 2)),
                              ("width", SVGWriter.number(max(0.5, x1 - x0))), ("height", SVGWriter.number(barHeight)),
                              ("fill", accent ? theme.color(0) : theme.context)], close: true)
            if let previous = item.previous {
                let px = SVGWriter.number(x(previous))
                svg.open("line", [("class", "cb-ink"), ("x1", px), ("x2", px), ("y1", SVGWriter.number(cy - barHeight / 2 - 3)),
                                  ("y2", SVGWriter.number(cy + barHeight / 2 + 3)), ("stroke", theme.text), ("stroke-width", "2")], close: true)
            }
            let labelY = labelsAbove ? cy - barHeight / 2 - 5 : cy + size * 0.35
            if bars.ranked {
                svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(region.x + rankWidth - 6)), ("y", SVGWriter.number(labelY)),
                                     ("font-size", SVGWriter.number(size)), ("text-anchor", "end"), ("fill", theme.mutedText)], text: "\(i + 1).")
            }
            svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(region.x + rankWidth)), ("y", SVGWriter.number(labelY)),
                                 ("font-size", SVGWriter.number(size)), ("fill", theme.text)], text: item.label)
            // The value goes past whichever ends later, the bar or its earlier-value tick.
            let end = item.value < 0 ? min(x0, item.previous.map { x($0) } ?? x0) - 5 : max(x1, item.previous.map { x($0) } ?? x1) + 5
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(end)), ("y", SVGWriter.number(cy + size * 0.35)),
                                 ("font-size", SVGWriter.number(size)), ("text-anchor", item.value < 0 ? "end" : "start"), ("fill", theme.mutedText)],
                        text: valueText(item))
        }
    }
}
