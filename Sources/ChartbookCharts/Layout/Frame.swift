/// The chart's frame: headline and subtitle at the top, source and notes at the bottom, wrapped to
/// the chart's width; what is left is the region the plot may use. A bare frame has none of that
/// text, for a picture whose page sets it as text around the image (the email's).
struct Frame {
    var titleLines: [(String, Double)] = []
    var subtitleLines: [(String, Double)] = []
    var footerLines: [(String, Double)] = []
    var region: Rect
    var sizes: TypeSizes
    static let pad = 4.0

    /// Where a bare frame's "last subtitle line" sits: the legend and the plot start below it as
    /// they would below a subtitle, which leaves room for the top tick label.
    static let bareCursor = 4.0

    init(chart: Chart, sizes: TypeSizes, extraTop: Double = 0, bare: Bool = false) {
        self.sizes = sizes
        let w = chart.width, pad = Frame.pad
        guard !bare else {
            let top = Frame.bareCursor + 14 + extraTop
            region = Rect(x: pad, y: top, width: w - 2 * pad, height: max(60, chart.height - 8 - top))
            return
        }
        var cursor = sizes.title + 2
        for line in TextWidth.wrap(chart.title, fontSize: sizes.title, maxWidth: w - 2 * pad, bold: true) {
            titleLines.append((line, cursor))
            cursor += sizes.title + 5
        }
        cursor += sizes.subtitle - sizes.title + 3
        for line in TextWidth.wrap(chart.subtitle, fontSize: sizes.subtitle, maxWidth: w - 2 * pad) {
            subtitleLines.append((line, cursor))
            cursor += sizes.subtitle + 4
        }
        let top = cursor + 14 + extraTop
        let footer = [chart.source] + (chart.notes.map { [$0] } ?? [])
        let lines = footer.flatMap { TextWidth.wrap($0, fontSize: sizes.source, maxWidth: w - 2 * pad) }
        var y = chart.height - Double(lines.count) * (sizes.source + 4) + sizes.source
        for line in lines {
            footerLines.append((line, y))
            y += sizes.source + 4
        }
        let bottom = chart.height - Double(lines.count) * (sizes.source + 4) - 8
        region = Rect(x: pad, y: top, width: w - 2 * pad, height: max(60, bottom - top))
    }

    /// How much less tall the chart is without its frame's text, the plot keeping its size.
    static func textHeight(_ chart: Chart, sizes: TypeSizes) -> Double {
        let full = Frame(chart: chart, sizes: sizes), bare = Frame(chart: chart, sizes: sizes, bare: true)
        return max(0, bare.region.height - full.region.height)
    }

    /// Where the legend goes when one is needed: between the subtitle and the plot.
    var legendY: Double { (subtitleLines.last?.1 ?? titleLines.last?.1 ?? Frame.bareCursor) + sizes.label + 10 }

    func render(into svg: inout SVGWriter, theme: ChartTheme) {
        for (line, y) in titleLines {
            svg.element("text", [("class", "cb-title"), ("x", SVGWriter.number(Frame.pad)), ("y", SVGWriter.number(y)),
                                 ("font-size", SVGWriter.number(sizes.title)), ("font-weight", "bold"), ("fill", theme.text)], text: line)
        }
        for (line, y) in subtitleLines {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(Frame.pad)), ("y", SVGWriter.number(y)),
                                 ("font-size", SVGWriter.number(sizes.subtitle)), ("fill", theme.mutedText)], text: line)
        }
        for (line, y) in footerLines {
            svg.element("text", [("class", "cb-muted"), ("x", SVGWriter.number(Frame.pad)), ("y", SVGWriter.number(y)),
                                 ("font-size", SVGWriter.number(sizes.source)), ("fill", theme.mutedText)], text: line)
        }
    }
}
