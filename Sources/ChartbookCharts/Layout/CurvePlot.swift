import ChartbookCore

/// A curve by maturity (a yield curve): maturity in years along x, one line per date compared,
/// each point dotted, the newest line drawn first in the palette and every line labelled at its end.
struct CurvePlot {
    var chart: Chart
    var lines: [CurveLine]
    var theme: ChartTheme

    /// `10y` / `10年`; months below a year (`6m` / `6个月`).
    static func maturityLabel(_ years: Double, zh: Bool) -> String {
        if years < 1 {
            let months = Int((years * 12).rounded())
            return zh ? "\(months)个月" : "\(months)m"
        }
        let text = years == years.rounded() ? String(Int(years)) : DecimalFormat.fixed(years, decimals: 1)
        return zh ? text + "年" : text + "y"
    }

    /// The maturities to label: from the longest down, each kept only if its label clears the one
    /// to its right, so the short end (1, 2, 3 years) thins out on a phone instead of overlapping.
    static func tickMaturities(_ maturities: [Double], x: (Double) -> Double, labelWidth: (Double) -> Double) -> [Double] {
        var kept: [Double] = []
        var leftEdge = Double.infinity
        for m in maturities.sorted(by: >) {
            let half = labelWidth(m) / 2
            if x(m) + half + 6 <= leftEdge {
                kept.append(m)
                leftEdge = x(m) - half
            }
        }
        return kept.reversed()
    }

    func render(into svg: inout SVGWriter, region: Rect) {
        let zh = chart.language == .zh
        let size = theme.sizes.label
        let values = lines.flatMap { $0.points.map(\.value) } + chart.referenceLines.map(\.value)
        let xAxisHeight = size * 2 + 18
        let plotTop = region.y + 8
        let plotBottom = region.maxY - xAxisHeight
        let ticks = ValueTicks.make(values: values, axis: chart.valueAxis, length: plotBottom - plotTop)
        let labels = ticks.ticks.map { chart.valueAxis.label($0, decimals: ticks.decimals) }
        let leftMargin = (labels.map { TextWidth.of($0, fontSize: size) }.max() ?? 0) + 8
        let rightMargin = (lines.map { TextWidth.of($0.label, fontSize: size, bold: true) }.max() ?? 0) + 16
        let plot = Rect(x: region.x + leftMargin, y: plotTop, width: max(40, region.width - leftMargin - rightMargin), height: max(30, plotBottom - plotTop))
        let maturities = Array(Set(lines.flatMap { $0.points.map(\.maturity) })).sorted()
        let longest = maturities.last ?? 1
        let scales = PlotScales(x: LinearScale(domain: (0, longest), range: (plot.x, plot.maxX)),
                                y: ValueScale(domain: ticks.domain, range: (plot.maxY, plot.y)), plot: plot, theme: theme, idPrefix: chart.id)
        ValueAxisView(ticks: ticks.ticks, labels: labels).render(into: &svg, scales: scales, left: region.x)

        // The maturity axis: a baseline, a tick and a label at each maturity that has room.
        let base = SVGWriter.number(plot.maxY)
        svg.open("line", [("class", "cb-base"), ("x1", SVGWriter.number(plot.x)), ("x2", SVGWriter.number(plot.maxX)), ("y1", base), ("y2", base),
                          ("stroke", theme.baseline)], close: true)
        let shown = CurvePlot.tickMaturities(maturities, x: { scales.x($0) }, labelWidth: { TextWidth.of(CurvePlot.maturityLabel($0, zh: zh), fontSize: size) })
        for m in shown {
            let x = SVGWriter.number(scales.x(m))
            svg.open("line", [("class", "cb-base"), ("x1", x), ("x2", x), ("y1", base), ("y2", SVGWriter.number(plot.maxY + 5)), ("stroke", theme.baseline)], close: true)
            svg.element("text", [("class", "cb-muted"), ("x", x), ("y", SVGWriter.number(plot.maxY + 8 + size)), ("font-size", SVGWriter.number(size)),
                                 ("text-anchor", "middle"), ("fill", theme.mutedText)], text: CurvePlot.maturityLabel(m, zh: zh))
        }
        svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(plot.maxX)), ("y", SVGWriter.number(plot.maxY + 14 + 2 * size)),
                             ("font-size", SVGWriter.number(size)), ("text-anchor", "end"), ("fill", theme.mutedText)], text: zh ? "剩余期限 →" : "Maturity →")

        var marks: [any Mark] = chart.referenceLines.map { RuleMark($0) }
        // Older dates underneath, the newest on top.
        for (i, line) in lines.enumerated().reversed() {
            marks.append(CurveMark(line: line, colorIndex: i, strokeWidth: i == 0 ? 2.5 : 1.75))
        }
        let items = lines.enumerated().compactMap { i, line -> EndLabels.Item? in
            guard let last = line.points.last else { return nil }
            return .init(text: line.label, anchorY: scales.y(last.value), anchorX: scales.x(last.maturity), colorIndex: i, isContext: false)
        }
        marks.append(EndLabels(items: items, x: plot.maxX))
        for mark in marks { mark.render(into: &svg, scales: scales) }
    }
}

/// The curve's label thinning, open to tests: which maturities keep a label at a fixed label width.
public enum CurveTicksProbe {
    public static func ticks(_ maturities: [Double], x: (Double) -> Double, width: Double) -> [Double] {
        CurvePlot.tickMaturities(maturities, x: x, labelWidth: { _ in width })
    }
}
