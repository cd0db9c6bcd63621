/// The chart's frame: headline and subtitle at the top, source and notes at the bottom, wrapped to
/// the chart's width; what is left is the region the plot may use. A bare frame has none of that
/// text, for a picture whose page sets it as text around the image (the email's).
struct Frame {
    var titleLines: [(String, Double)] = []
    var subtitleLines: [(String, Double)] = []
    var footerLines: [(String, Double)] = []
    var region: Rect
    /// Where the legend goes when one is needed: between the subtitle and the plot.
    var legendY: Double
    var sizes: TypeSizes
    static let pad = 4.0
    /// A bare frame's plot top without a legend: room for the top tick label above the plot.
    static let bareTop = 18.0

    /// `extraTop` is the legend's height (0 for none).
    init(chart: Chart, sizes: TypeSizes, extraTop: Double = 0, bare: Bool = false) {
        self.sizes = sizes
        let w = chart.width, pad = Frame.pad
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
        legendY = (subtitleLines.last?.1 ?? titleLines.last?.1 ?? 20) + sizes.label + 10
        let top = cursor + 14 + extraTop
        if bare {
            // The plot keeps its distance below the legend, so a bare chart is the framed one with
            // its text cut away, row for row (see `ChartFormat.plotShift`).
            let gap = top - legendY
            let bareTop = extraTop > 0 ? gap + sizes.label + 2 : Frame.bareTop
            legendY = bareTop - gap
            titleLines = []
            subtitleLines = []
            region = Rect(x: pad, y: bareTop, width: w - 2 * pad, height: max(60, chart.height - 8 - bareTop))
            return
        }
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
    static func textHeight(_ chart: Chart, sizes: TypeSizes, extraTop: Double) -> Double {
        let full = Frame(chart: chart, sizes: sizes, extraTop: extraTop), bare = Frame(chart: chart, sizes: sizes, extraTop: extraTop, bare: true)
        return max(0, bare.region.height - full.region.height)
    }

    /// How much lower the plot sits in the framed chart than in the bare one.
    static func plotShift(_ chart: Chart, sizes: TypeSizes, extraTop: Double) -> Double {
        Frame(chart: chart, sizes: sizes, extraTop: extraTop).region.y - Frame(chart: chart, sizes: sizes, extraTop: extraTop, bare: true).region.y
    }

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
