import ChartbookCore

/// An "in numbers" table: one row per series with its label, a sparkline of the recent path, the
/// latest level and change columns, numbers right-aligned so their digits line up. Where the chart
/// is too narrow for every column, change columns drop from the right (the spec lists the most
/// important first) rather than shrink the type; the sparkline narrows, then goes, before the last
/// change column does, since a table of levels without changes says little.
struct NumberTablePlot {
    var chart: Chart
    var table: NumberTable
    var theme: ChartTheme

    /// Width of the sparkline cell; a quarter of a phone's width at most.
    func sparkWidth(_ region: Rect) -> Double { min(110, region.width * 0.24) }

    /// How many change columns fit beside the label, a sparkline `spark` wide and the latest value.
    func changeColumnsShown(region: Rect, labelWidth: Double, latestWidth: Double, changeWidths: [Double], spark: Double) -> Int {
        var used = labelWidth + spark + 12 + latestWidth
        var shown = 0
        for w in changeWidths {
            guard used + w + 12 <= region.width else { break }
            used += w + 12
            shown += 1
        }
        return shown
    }

    func render(into svg: inout SVGWriter, region: Rect) {
        let size = theme.sizes.label
        let headSize = max(theme.sizes.source, size - 1)
        let labelWidth = (table.rows.map { TextWidth.of($0.label, fontSize: size, bold: true) }.max() ?? 0) + 12
        let latestWidth = ([TextWidth.of(table.latestHeading, fontSize: headSize)] + table.rows.map { TextWidth.of($0.latest, fontSize: size, bold: true) }).max() ?? 0
        let changeWidths = table.changeHeadings.indices.map { k in
            ([TextWidth.of(table.changeHeadings[k], fontSize: headSize)] + table.rows.map { k < $0.changes.count ? TextWidth.of($0.changes[k], fontSize: size) : 0 }).max() ?? 0
        }
        // The widest sparkline that leaves room for at least one change column: full, narrow, or none.
        var spark = sparkWidth(region)
        var shown = changeColumnsShown(region: region, labelWidth: labelWidth, latestWidth: latestWidth, changeWidths: changeWidths, spark: spark)
        for narrower in [48.0, 0] where shown == 0 && !changeWidths.isEmpty {
            spark = narrower
            shown = changeColumnsShown(region: region, labelWidth: labelWidth, latestWidth: latestWidth, changeWidths: changeWidths, spark: spark)
        }
        // Right edges of the number columns, laid out from the right.
        var rightEdges: [Double] = []
        var x = region.maxX
        for w in changeWidths.prefix(shown).reversed() {
            rightEdges.insert(x, at: 0)
            x -= w + 12
        }
        let latestRight = x
        let sparkRight = latestRight - latestWidth - 12
        let sparkLeft = max(region.x + labelWidth, sparkRight - spark)

        let headY = region.y + headSize
        func heading(_ text: String, _ x: Double, anchor: String) {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(x)), ("y", SVGWriter.number(headY)), ("font-size", SVGWriter.number(headSize)),
                                 ("text-anchor", anchor), ("fill", theme.mutedText)], text: text)
        }
        if spark > 0 { heading(table.sparkHeading, sparkLeft, anchor: "start") }
        heading(table.latestHeading, latestRight, anchor: "end")
        for k in 0..<shown { heading(table.changeHeadings[k], rightEdges[k], anchor: "end") }
        let top = headY + 8
        let rowHeight = min(size * 2.6, (region.maxY - top) / Double(max(1, table.rows.count)))
        for (i, row) in table.rows.enumerated() {
            let y0 = top + rowHeight * Double(i)
            let baseline = y0 + rowHeight / 2 + size * 0.35
            let rule = SVGWriter.number(y0)
            svg.open("line", [("class", "cb-grid"), ("x1", SVGWriter.number(region.x)), ("x2", SVGWriter.number(region.maxX)), ("y1", rule), ("y2", rule),
                              ("stroke", theme.grid)], close: true)
            svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(region.x)), ("y", SVGWriter.number(baseline)), ("font-size", SVGWriter.number(size)),
                                 ("font-weight", "bold"), ("fill", theme.text)], text: row.label)
            if spark > 0 { renderSpark(row.spark, into: &svg, cell: Rect(x: sparkLeft, y: y0 + rowHeight * 0.2, width: sparkRight - sparkLeft, height: rowHeight * 0.6)) }
            svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(latestRight)), ("y", SVGWriter.number(baseline)), ("font-size", SVGWriter.number(size)),
                                 ("font-weight", "bold"), ("text-anchor", "end"), ("fill", theme.text)], text: row.latest)
            for k in 0..<shown where k < row.changes.count {
                svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(rightEdges[k])), ("y", SVGWriter.number(baseline)),
                                     ("font-size", SVGWriter.number(size)), ("text-anchor", "end"), ("fill", theme.mutedText)], text: row.changes[k])
            }
        }
        let end = SVGWriter.number(top + rowHeight * Double(table.rows.count))
        svg.open("line", [("class", "cb-grid"), ("x1", SVGWriter.number(region.x)), ("x2", SVGWriter.number(region.maxX)), ("y1", end), ("y2", end),
                          ("stroke", theme.grid)], close: true)
    }

    /// The row's path scaled into its cell, with its latest point dotted.
    func renderSpark(_ series: ChartSeries, into svg: inout SVGWriter, cell: Rect) {
        let points = series.points
        guard let first = points.first, let last = points.last, cell.width > 10 else { return }
        var lo = Double.infinity, hi = -Double.infinity
        for p in points { lo = min(lo, p.value); hi = max(hi, p.value) }
        let scales = PlotScales(
            x: LinearScale(domain: (Double(first.day.ordinal), Double(max(last.day.ordinal, first.day.ordinal + 1))), range: (cell.x, cell.maxX)),
            y: ValueScale(domain: (lo, hi > lo ? hi : lo + 1), range: (cell.maxY, cell.y)), plot: cell, theme: theme, idPrefix: chart.id + "-spark")
        var line = LineMark(series: series, colorIndex: 0)
        line.strokeWidth = 1.5
        line.render(into: &svg, scales: scales)
        svg.open("circle", [("class", ChartTheme.fillClass(0)), ("cx", SVGWriter.number(scales.x(last.day))), ("cy", SVGWriter.number(scales.y(last.value))),
                            ("r", "2.5"), ("fill", theme.color(0))], close: true)
    }
}
