/// Whether a chart gets a legend, and its height: a legend replaces direct labels only when the
/// labels cannot fit beside the plot.
struct LegendPlan {
    var needsLegend = false
    /// One series whose label does not fit beside a narrow plot needs no key at all: the subtitle
    /// already says what the line is, and a one-entry legend only pushes the plot down.
    var unlabelled = false
    var legend: Legend
    var height: Double { needsLegend ? Double(legend.rows(width: width - 8).count) * (legend.fontSize + 6) + 4 : 0 }
    private var width: Double

    /// `chart` as laid out, framed.
    init(_ chart: Chart, sizes: TypeSizes) {
        legend = Legend(entries: chart.series.enumerated().map { ($0.element.label, $0.offset, $0.element.isContext) }, fontSize: sizes.label)
        width = chart.width
        guard case .time = chart.layout else { return }
        // Labels beside the plot may take a quarter of a narrow chart's width, no more.
        let widest = chart.series.map { TextWidth.of($0.label, fontSize: sizes.label, bold: true) }.max() ?? 0
        needsLegend = !EndLabels.fit(count: chart.series.count, height: chart.height * 0.55, fontSize: sizes.label)
            || (chart.width < 480 && widest + 16 > chart.width * 0.25)
        unlabelled = needsLegend && chart.series.count == 1 && !chart.series[0].isContext
        if unlabelled { needsLegend = false }
    }
}
