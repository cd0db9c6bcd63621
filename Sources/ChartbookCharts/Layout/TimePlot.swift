import ChartbookCore

/// A plot over time: value axis, time axis, and the marks of every series, bands, events, notes
/// and reference lines, drawn in a fixed order (context under data, labels on top).
struct TimePlot {
    var chart: Chart
    var series: [ChartSeries]
    var theme: ChartTheme
    var idPrefix: String
    var endLabels: Bool
    /// A shared value domain (small multiples); nil to fit this plot's data.
    var sharedTicks: ValueTicks? = nil
    var compact = false

    func valueTicks(length: Double) -> ValueTicks {
        if let sharedTicks { return sharedTicks }
        var axis = chart.valueAxis
        // Only each series' extremes matter to the ticks: no copy of every value.
        var values = chart.referenceLines.map(\.value) + chart.annotations.map(\.value)
        for s in series {
            var lo = Double.infinity, hi = -Double.infinity
            s.values.withUnsafeBufferPointer { buffer in
                for v in buffer where v.isFinite && (!axis.logarithmic || v > 0) { lo = min(lo, v); hi = max(hi, v) }
            }
            if lo <= hi { values += [lo, hi] }
        }
        if series.contains(where: { $0.kind == .column }) { axis.includeZero = true }
        if !chart.fills.isEmpty && chart.fills.contains(where: { $0.other == nil }) { values += chart.fills.map(\.baseline) }
        return ValueTicks.make(values: values, axis: axis, length: length)
    }

    func dayRange() -> (Day, Day) {
        var first = series.compactMap(\.days.first).min() ?? Day(ordinal: 0)
        var last = series.compactMap(\.days.last).max() ?? Day(ordinal: 1)
        for band in chart.bands { first = min(first, band.from); last = max(last, band.to) }
        let spaced = series.filter { $0.kind == .column || $0.kind == .dot || $0.kind == .lollipop }
        if !spaced.isEmpty {
            // Leave half a typical gap at each end so the outer columns are not cut.
            let pad = max(1, (last.ordinal - first.ordinal) / max(1, (spaced.map(\.days.count).max() ?? 1) * 2))
            first = first.adding(days: -pad); last = last.adding(days: pad)
        }
        return (first, last > first ? last : first.adding(days: 1))
    }

    func render(into svg: inout SVGWriter, region: Rect) {
        let xAxisHeight = theme.sizes.label + 14
        // The top gridline's label sits above the plot; a compact panel keeps room for it under its title.
        let plotTop = region.y + (compact ? theme.sizes.label + 2 : 8)
        let plotBottom = region.maxY - xAxisHeight
        let ticks = valueTicks(length: plotBottom - plotTop)
        let labels = ticks.ticks.map { chart.valueAxis.label($0, decimals: ticks.decimals) }
        let leftMargin = (labels.map { TextWidth.of($0, fontSize: theme.sizes.label) }.max() ?? 0) + 8
        let rightMargin = endLabels && !series.isEmpty
            ? (series.map { TextWidth.of($0.label, fontSize: theme.sizes.label, bold: true) }.max() ?? 0) + 16 : 6
        let plot = Rect(x: region.x + leftMargin, y: plotTop, width: max(40, region.width - leftMargin - rightMargin), height: max(30, plotBottom - plotTop))
        let (firstDay, lastDay) = dayRange()
        let scales = PlotScales(
            x: LinearScale(domain: (Double(firstDay.ordinal), Double(lastDay.ordinal)), range: (plot.x, plot.maxX)),
            y: ValueScale(domain: ticks.domain, range: (plot.maxY, plot.y), logarithmic: chart.valueAxis.logarithmic),
            plot: plot, theme: theme, idPrefix: idPrefix)

        var marks: [any Mark] = chart.bands.map { BandMark($0) }
        for mark in marks { mark.render(into: &svg, scales: scales) }
        ValueAxisView(ticks: ticks.ticks, labels: labels).render(into: &svg, scales: scales, left: region.x)
        TimeAxisView(from: firstDay, to: lastDay, language: chart.language).render(into: &svg, scales: scales, chartWidth: region.maxX)

        marks = []
        for fill in chart.fills where fill.series < series.count {
            let other = fill.other.flatMap { $0 < series.count ? series[$0] : nil }
            marks.append(AreaMark(upper: series[fill.series], lower: other, baseline: fill.baseline, colorIndex: fill.series,
                                  negativeColorIndex: other == nil ? (fill.series + 1) : nil))
        }
        // Context series first so the story's series sit on top.
        let order = series.indices.sorted { (series[$0].isContext ? 0 : 1, $0) < (series[$1].isContext ? 0 : 1, $1) }
        for i in order {
            let s = series[i]
            switch s.kind {
            case .line: marks.append(LineMark(series: s, colorIndex: i))
            case .step: marks.append(LineMark(series: s, colorIndex: i, step: true))
            case .area:
                marks.append(AreaMark(upper: s, baseline: chart.valueAxis.logarithmic ? ticks.domain.0 : max(0, ticks.domain.0), colorIndex: i))
                marks.append(LineMark(series: s, colorIndex: i))
            case .column: marks.append(ColumnMark(series: s, colorIndex: i))
            case .dot: marks.append(DotMark(series: s, colorIndex: i))
            case .lollipop: marks.append(DotMark(series: s, colorIndex: i, stems: true))
            }
        }
        marks += chart.referenceLines.map { RuleMark($0) }
        if !chart.events.isEmpty { marks.append(EventMark(chart.events)) }
        marks += chart.annotations.map { TextMark($0, avoid: series) }
        if endLabels {
            let items = series.enumerated().compactMap { i, s -> EndLabels.Item? in
                guard let last = s.lastIndex else { return nil }
                return .init(text: s.label, anchorY: scales.y(s.values[last]), anchorX: scales.x(s.days[last]), colorIndex: i, isContext: s.isContext)
            }
            marks.append(EndLabels(items: items, x: plot.maxX))
        }
        for mark in marks { mark.render(into: &svg, scales: scales) }
        if !compact && !chart.valueAxis.logarithmic {
            // Where the plot is and what it spans, for the reading script (chart.js): an invisible
            // rectangle, so the page's script needs nothing but the SVG it is given.
            svg.open("rect", [("class", "cb-hit"), ("x", SVGWriter.number(plot.x)), ("y", SVGWriter.number(plot.y)),
                              ("width", SVGWriter.number(plot.width)), ("height", SVGWriter.number(plot.height)), ("fill", "none"),
                              ("data-days", "\(firstDay.ordinal) \(lastDay.ordinal)"),
                              ("data-values", SVGWriter.number(ticks.domain.0) + " " + SVGWriter.number(ticks.domain.1))], close: true)
        }
    }
}
