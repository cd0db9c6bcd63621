/// One small panel per series on a shared value scale and shared dates, titled with the series'
/// label: comparisons across panels are honest because the axes are the same.
struct SmallMultiples {
    var chart: Chart
    var columns: Int
    var theme: ChartTheme

    func render(into svg: inout SVGWriter, region: Rect) {
        let count = chart.series.count
        guard count > 0 else { return }
        let cols = max(1, min(columns, count))
        let rows = (count + cols - 1) / cols
        let gapX = 14.0, gapY = 10.0
        let cellWidth = (region.width - gapX * Double(cols - 1)) / Double(cols)
        let cellHeight = (region.height - gapY * Double(rows - 1)) / Double(rows)
        var axis = chart.valueAxis
        if chart.series.contains(where: { $0.kind == .column }) { axis.includeZero = true }
        let shared = ValueTicks.make(values: chart.series.flatMap(\.values), axis: axis, length: cellHeight - 40)
        let firstDay = chart.series.compactMap(\.days.first).min()
        let lastDay = chart.series.compactMap(\.days.last).max()
        for (i, s) in chart.series.enumerated() {
            let cell = Rect(x: region.x + Double(i % cols) * (cellWidth + gapX), y: region.y + Double(i / cols) * (cellHeight + gapY),
                            width: cellWidth, height: cellHeight)
            svg.element("text", [("class", ChartTheme.fillClass(i)), ("x", SVGWriter.number(cell.x)), ("y", SVGWriter.number(cell.y + theme.sizes.label)),
                                 ("font-size", SVGWriter.number(theme.sizes.label + 0.5)), ("font-weight", "bold"), ("fill", theme.color(i))], text: s.label)
            // Pad each panel's series with the shared first and last day so every panel spans the same dates.
            var panelSeries = s
            if let firstDay, let lastDay {
                if let f = s.days.first, f > firstDay { panelSeries.days.insert(firstDay, at: 0); panelSeries.values.insert(.nan, at: 0) }
                if let l = s.days.last, l < lastDay { panelSeries.days.append(lastDay); panelSeries.values.append(.nan) }
            }
            var panelChart = chart
            panelChart.fills = []
            panelChart.annotations = []
            panelChart.bands = chart.bands
            let plot = TimePlot(chart: panelChart, series: [panelSeries], theme: theme, idPrefix: "\(chart.id)-p\(i)", endLabels: false,
                                sharedTicks: shared, compact: true)
            // Keep this panel's colour: draw it as series i by reusing the index through a one-series palette shift.
            var shifted = plot
            shifted.theme.palette = [theme.color(i)]
            var panelSVG = SVGWriter()
            shifted.render(into: &panelSVG, region: Rect(x: cell.x, y: cell.y + theme.sizes.label + 4, width: cell.width, height: cell.height - theme.sizes.label - 4))
            // The panel was drawn with class cb-s0/cb-f0; give it series i's classes for dark mode.
            svg.raw(panelSVG.text.replacingOccurrences(of: "cb-s0", with: ChartTheme.strokeClass(i)).replacingOccurrences(of: "cb-f0", with: ChartTheme.fillClass(i)))
        }
    }
}
