import ChartbookCharts
import ChartbookCore

/// An "in numbers" chart as an HTML table, for the renderings that would otherwise show it as a
/// picture (the email and the feeds): numbers in a mail client are better as text, which is
/// searchable, read aloud, resized and dark-moded with the message, and about a tenth of the
/// picture's bytes. The sparklines stay on the web page; title, subtitle and source stay with the table.
enum NumberTableHTML {
    /// Change columns an email can hold beside the latest value on a phone.
    static let maxChanges = 2
    static var sans: String { FigureText.sans }

    static func html(_ chart: Chart, table: NumberTable) -> String {
        let e = SVGWriter.escape
        var x = "<figure style=\"\(FigureText.figureStyle)\">" + FigureText.head(chart)
        // A phone's mail column is about 311 px: each series' name takes a row of its own above its
        // numbers, and only the first two change columns (the spec lists the most important first) go.
        let changes = Array(table.changeHeadings.prefix(maxChanges))
        let columns = 1 + changes.count
        x += "<table style=\"width:100%;border-collapse:collapse;font-family:\(sans);font-size:15px;line-height:1.3;color:#1d1d1f;\">"
        x += "<thead><tr>"
        for (k, heading) in ([table.latestHeading] + changes).enumerated() {
            x += "<th scope=\"col\" style=\"padding:0 0 4px;text-align:\(k == 0 ? "left" : "right");font-size:13px;font-weight:normal;color:#5f5b57;white-space:nowrap;\">\(e(heading))</th>"
        }
        x += "</tr></thead><tbody>"
        for row in table.rows {
            x += "<tr><th scope=\"rowgroup\" colspan=\"\(columns)\" style=\"padding:8px 0 2px;border-top:1px solid #e4ddd3;text-align:left;font-weight:bold;\">\(e(row.label))</th></tr>"
            x += "<tr><td style=\"padding:0 0 6px;text-align:left;font-weight:bold;white-space:nowrap;\">\(e(row.latest))</td>"
            for change in row.changes.prefix(maxChanges) {
                x += "<td style=\"padding:0 0 6px 10px;text-align:right;color:#5f5b57;white-space:nowrap;\">\(e(change))</td>"
            }
            x += "</tr>"
        }
        x += "</tbody></table>"
        x += FigureText.foot(chart)
        return x + "</figure>\n"
    }
}
