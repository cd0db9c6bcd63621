import ChartbookCore

/// Turns a `Chart` into one self-contained, accessible SVG: frame (title, subtitle, source; left out
/// when `framed` is false), then the plot for the chart's layout. The same chart and theme always
/// give the same bytes.
public struct ChartRenderer: Sendable {
    public var theme: ChartTheme

    public init(theme: ChartTheme = .light) { self.theme = theme }

    /// `description` is the chart's `ChartDescription`, when the caller has already written it;
    /// `format` lays the chart out again for a narrower screen (see `ChartFormat`).
    /// `framed: false` draws the plot alone, for a picture whose title, subtitle and source are set
    /// as text beside it (the email's); the SVG's `<title>` and `<desc>` stay.
    public func render(_ chart: Chart, description: String? = nil, format: ChartFormat = .desktop, framed: Bool = true) -> String {
        // The legend is decided on the framed layout, so a bare chart has the framed one's plot.
        let laid = format.layout(chart)
        let plan = LegendPlan(laid, sizes: format.sizes)
        let chart = framed ? laid : format.layout(chart, framed: false)
        var theme = theme
        theme.sizes = format.sizes
        var svg = SVGWriter()
        let titleId = "\(chart.id)-title", descId = "\(chart.id)-desc"
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(SVGWriter.number(chart.width)) \(SVGWriter.number(chart.height))"),
                         ("width", "100%"), ("role", "img"), ("aria-labelledby", "\(titleId) \(descId)"), ("id", chart.id),
                         ("font-family", ChartTheme.fontFamily), ("class", "cb-chart")])
        svg.element("title", [("id", titleId)], text: chart.title)
        svg.element("desc", [("id", descId)], text: description ?? ChartDescription.describe(chart))
        // Style in inline SVG applies to the whole page: it also carries the rule that picks a page's
        // desktop or phone layout, so a site's own stylesheet needs nothing for it.
        svg.raw("<style>" + (theme.name == ChartTheme.light.name ? ChartTheme.darkModeStyle : "") + ChartFormat.switchStyle + "</style>")
        svg.open("rect", [("class", "cb-bg"), ("width", "100%"), ("height", "100%"), ("fill", theme.background)], close: true)

        let frame = Frame(chart: chart, sizes: theme.sizes, extraTop: plan.height, bare: !framed)
        frame.render(into: &svg, theme: theme)
        if plan.needsLegend { plan.legend.render(into: &svg, x: Frame.pad, y: frame.legendY, width: chart.width - 8, theme: theme) }

        switch chart.layout {
        case .time:
            TimePlot(chart: chart, series: chart.series, theme: theme, idPrefix: chart.id, endLabels: !plan.needsLegend && !plan.unlabelled)
                .render(into: &svg, region: frame.region)
        case .smallMultiples(let columns):
            SmallMultiples(chart: chart, columns: columns, theme: theme).render(into: &svg, region: frame.region)
        case .scatter:
            ScatterPlot(chart: chart, theme: theme).render(into: &svg, region: frame.region)
        case .bars(let bars):
            BarPlot(chart: chart, bars: bars, theme: theme).render(into: &svg, region: frame.region)
        case .curve(let lines):
            CurvePlot(chart: chart, lines: lines, theme: theme).render(into: &svg, region: frame.region)
        case .numbers(let table):
            NumberTablePlot(chart: chart, table: table, theme: theme).render(into: &svg, region: frame.region)
        }
        svg.close("svg")
        return svg.text
    }
}
