/// The chart's frame: headline and subtitle at the top, source and notes at the bottom, wrapped to
/// the chart's width; what is left is the region the plot may use.
struct Frame {
    var titleLines: [(String, Double)] = []
    var subtitleLines: [(String, Double)] = []
    var footerLines: [(String, Double)] = []
    var region: Rect
    static let pad = 4.0

    init(chart: Chart, extraTop: Double = 0) {
        let w = chart.width, pad = Frame.pad
        var cursor = ChartTheme.titleSize + 2
        for line in TextWidth.wrap(chart.title, fontSize: ChartTheme.titleSize, maxWidth: w - 2 * pad, bold: true) {
            titleLines.append((line, cursor))
            cursor += ChartTheme.titleSize + 5
        }
        cursor += ChartTheme.subtitleSize - ChartTheme.titleSize + 3
        for line in TextWidth.wrap(chart.subtitle, fontSize: ChartTheme.subtitleSize, maxWidth: w - 2 * pad) {
            subtitleLines.append((line, cursor))
            cursor += ChartTheme.subtitleSize + 4
        }
        let top = cursor + 14 + extraTop
        let footer = [chart.source] + (chart.notes.map { [$0] } ?? [])
        let lines = footer.flatMap { TextWidth.wrap($0, fontSize: ChartTheme.sourceSize, maxWidth: w - 2 * pad) }
        var y = chart.height - Double(lines.count) * (ChartTheme.sourceSize + 4) + ChartTheme.sourceSize
        for line in lines {
            footerLines.append((line, y))
            y += ChartTheme.sourceSize + 4
        }
        let bottom = chart.height - Double(lines.count) * (ChartTheme.sourceSize + 4) - 8
        region = Rect(x: pad, y: top, width: w - 2 * pad, height: max(60, bottom - top))
    }

    /// Where the legend goes when one is needed: between the subtitle and the plot.
    var legendY: Double { (subtitleLines.last?.1 ?? titleLines.last?.1 ?? 20) + ChartTheme.labelSize + 10 }

    func render(into svg: inout SVGWriter, theme: ChartTheme) {
        for (line, y) in titleLines {
            svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(Frame.pad)), ("y", SVGWriter.number(y)),
                                 ("font-size", SVGWriter.number(ChartTheme.titleSize)), ("font-weight", "bold"), ("fill", theme.text)], text: line)
        }
        for (line, y) in subtitleLines {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(Frame.pad)), ("y", SVGWriter.number(y)),
                                 ("font-size", SVGWriter.number(ChartTheme.subtitleSize)), ("fill", theme.mutedText)], text: line)
        }
        for (line, y) in footerLines {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(Frame.pad)), ("y", SVGWriter.number(y)),
                                 ("font-size", SVGWriter.number(ChartTheme.sourceSize)), ("fill", theme.mutedText)], text: line)
        }
    }
}
