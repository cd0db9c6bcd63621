import ChartbookCharts
import ChartbookCore

/// A chart's title, subtitle, source and notes as HTML text, for the renderings that show the chart
/// as a picture of its plot or as a table (email, feeds). Text around the picture is read with
/// images off (many mail clients block them until asked), by screen readers, and in the message's
/// own dark mode; and glyphs are the costliest pixels of a chart's PNG. Styles are inline, for mail clients.
enum FigureText {
    static var sans: String { EmailEdition.sans }
    static let figureStyle = "margin:24px 0;"

    /// Title, then subtitle.
    static func head(_ chart: Chart) -> String {
        let e = SVGWriter.escape
        var x = "<p style=\"margin:0 0 2px;font-family:\(sans);font-size:17px;font-weight:bold;line-height:1.3;color:#1d1d1f;\">\(e(chart.title))</p>"
        if !chart.subtitle.isEmpty {
            x += "<p style=\"margin:0 0 8px;font-family:\(sans);font-size:14px;line-height:1.4;color:#5f5b57;\">\(e(chart.subtitle))</p>"
        }
        return x
    }

    /// Source line, then notes, below the picture or table.
    static func foot(_ chart: Chart) -> String {
        let style = "margin:6px 0 0;font-family:\(sans);font-size:13px;line-height:1.4;color:#5f5b57;"
        var x = "<p style=\"\(style)\">\(SVGWriter.escape(chart.source))</p>"
        if let notes = chart.notes, !notes.isEmpty { x += "<p style=\"\(style)\">\(SVGWriter.escape(notes))</p>" }
        return x
    }
}
