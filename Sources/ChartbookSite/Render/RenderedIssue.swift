import ChartbookCharts
import ChartbookCore
import ChartbookMarkdown

/// One chart of a rendered issue, kept so the web page, the feeds, the email and the index can each
/// show it their own way.
public struct RenderedChart: Sendable {
    public var number: Int
    public var title: String
    /// The chart's text alternative, written from its data.
    public var description: String
    public var svg: String
    /// The figure as it appears on the web page (SVG, data table, CSV link).
    public var webFigure: String
    public var width: Double
    public var height: Double
    /// The chart before layout (its lines thinned for drawing), kept to lay it out again for the email's PNG.
    var chart: Chart
    public var svgName: String { "chart-\(number).svg" }
    public var pngName: String { "chart-\(number).png" }
    /// The issue's social card (`og:image`): its lead chart, framed.
    public static let cardName = "card.png"

    /// Whether the email and feeds show this chart as a picture: a table of numbers goes as text (`NumberTableHTML`).
    public var isPicture: Bool {
        if case .numbers = chart.layout { return false }
        return true
    }

    /// The size of the PNG: the email's layout (a phone's mail column, type that stays 12 px there)
    /// without the frame's text, which the email and feeds set as text around the picture.
    public var pngLayout: (width: Double, height: Double) {
        let laid = ChartFormat.email.layout(chart, framed: false)
        return (laid.width, laid.height)
    }

    /// The SVG the PNG is drawn from: the plot alone (see `pngLayout`).
    public func pngSVG() -> String { ChartRenderer().render(chart, description: description, format: .email, framed: false) }

    /// The size of the social card: the same layout with its title, subtitle and source, since a
    /// card is seen away from the page and must name its source itself.
    public var cardLayout: (width: Double, height: Double) {
        let laid = ChartFormat.email.layout(chart)
        return (laid.width, laid.height)
    }

    /// Where this chart's PNG lies in its social card: the card's rows from `top`, as tall as `pngLayout`.
    public var plotInCard: (top: Double, height: Double) { (ChartFormat.email.plotShift(chart), pngLayout.height) }

    /// The SVG the social card is drawn from (see `cardLayout`).
    public func cardSVG() -> String { ChartRenderer().render(chart, description: description, format: .email) }
}

/// An issue (or page) after templates, Markdown and charts, before any layout: the parts every
/// output (page, feed entry, email) is made from.
public struct RenderedIssue: Sendable {
    public var issue: Issue
    /// Article HTML with a placeholder where each chart goes (see `html(figure:)`).
    var body: String
    var inlineFigures: InlineFigures
    public var charts: [RenderedChart]
    public var headings: [Heading]
    public var falseClaims: [Diagnostic]
    /// Files beside the page: each chart's SVG and CSV.
    public var files: [OutputFile]

    static let open = "\u{E002}chart:", close = "\u{E003}"

    static func placeholder(_ number: Int) -> String { open + String(number) + close }

    /// The article HTML with each chart drawn by `figure`, and inline sparklines kept (`keepInline`) or dropped.
    public func html(keepInline: Bool = true, figure: (RenderedChart) -> String) -> String {
        // A dropped sparkline takes the space before it along ("2.852% ." would be left otherwise).
        let out = keepInline ? inlineFigures.restore(body)
            : RenderedIssue.droppingMarks(inlineFigures.restore(body, with: { _ in "\u{E00F}" }))
        return Placeholders.substitute(in: out, open: RenderedIssue.open, close: RenderedIssue.close) { key in
            Int(key).flatMap { n in charts.first { $0.number == n } }.map(figure)
        }
    }

    /// `text` without the U+E00F marks left where sparklines were, each with a space before it.
    static func droppingMarks(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{E00F}") else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\u{E00F}" {
                if out.last == " " { out.removeLast() }
                continue
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// The web page's article (inline SVG charts with their data tables) as UTF-8, appended to `out`: the page is spliced together as bytes (see
    /// `IssueRenderer.page`), sparing a copy and a UTF-8 check of every article.
    func appendWebHTML(to out: inout [UInt8]) {
        let restored = inlineFigures.restore(body)
        let found = Placeholders.substitute(in: restored, open: RenderedIssue.open, close: RenderedIssue.close, into: &out) { key in
            Int(key).flatMap { n in charts.first { $0.number == n } }.map(\.webFigure)
        }
        if !found { out.append(contentsOf: restored.utf8) }
    }

    /// The article for places that take images only (feeds, email): each chart as an `<img>` of its
    /// PNG (or SVG when no rasterizer was available), with absolute URLs.
    /// `displayWidth` replaces the image's own width and height (email shows every chart at one width).
    public func imageHTML(baseURL: (String) -> String, png: Bool, imageStyle: String = "", displayWidth: Int? = nil) -> String {
        html(keepInline: false) { chart in
            // A table of numbers goes as text wherever the charts would be pictures.
            if png, case .numbers(let table) = chart.chart.layout { return NumberTableHTML.html(chart.chart, table: table) }
            let src = baseURL(issue.outputPath + "/" + (png ? chart.pngName : chart.svgName))
            let size = png ? chart.pngLayout : (chart.width, chart.height)
            let dimensions = displayWidth.map { "width=\"\($0)\"" } ?? "width=\"\(Int(size.0))\" height=\"\(Int(size.1))\""
            // The alt text is the chart's description; a PNG's title is already text beside it.
            let alt = png ? chart.description : chart.title + ". " + chart.description
            var attributes = "src=\"\(SVGWriter.escape(src))\" \(dimensions) alt=\"\(SVGWriter.escape(alt))\""
            if !imageStyle.isEmpty { attributes += " style=\"\(imageStyle)\"" }
            // An SVG carries its own title and source line. A PNG is the plot alone: its title,
            // subtitle, source and notes are text here, read with images off and by screen readers.
            guard png else { return "<figure><img \(attributes)></figure>\n" }
            return "<figure style=\"\(FigureText.figureStyle)\">" + FigureText.head(chart.chart) + "<img \(attributes)>" + FigureText.foot(chart.chart) + "</figure>\n"
        }
    }
}
