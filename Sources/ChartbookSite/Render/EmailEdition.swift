import ChartbookCharts
import ChartbookCore
import Foundation

/// The newsletter version of an issue: a 600 px single column, every style inlined, with a "ghost"
/// table in Outlook-only conditional comments (Word-based Outlook needs a fixed-width table; every
/// other client, and the HTML validator, sees valid HTML with a max-width column),
/// charts as 2× PNG images of their plots with title and source as text, alt text, absolute links; and a plain-text twin.
/// Gmail clips messages over about 102 KB, so the build warns when an email is larger.
struct EmailEdition {
    let config: SiteConfig
    let rendered: RenderedIssue

    static let clipLimit = 102_000
    static let width = 600, gutter = 32
    static var contentWidth: Int { width - 2 * gutter }
    /// Charts are drawn in their email layout (360 units, type that stays 12 px in a phone's
    /// 311 px column) and shown up to a fifth larger on a desktop, under their title (text, see `FigureText`).
    static let imageWidth = Int(ChartFormat.email.width * 1.2)

    static let sans = "'Helvetica Neue',Arial,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif"
    static let serif = "Georgia,'Noto Serif CJK SC','Songti SC',serif"

    /// Inline styles for each element the article can contain.
    static let styles: [String: String] = [
        "p": "margin:0 0 16px;font-family:\(serif);font-size:17px;line-height:1.7;color:#1d1d1f;",
        "h2": "margin:32px 0 12px;font-family:\(sans);font-size:21px;line-height:1.3;color:#1d1d1f;",
        "h3": "margin:24px 0 8px;font-family:\(sans);font-size:18px;line-height:1.3;color:#1d1d1f;",
        "ul": "margin:0 0 16px;padding-left:22px;font-family:\(serif);font-size:17px;line-height:1.7;color:#1d1d1f;",
        "ol": "margin:0 0 16px;padding-left:22px;font-family:\(serif);font-size:17px;line-height:1.7;color:#1d1d1f;",
        "li": "margin:0 0 6px;",
        "blockquote": "margin:0 0 16px;padding-left:14px;border-left:3px solid #0f5499;color:#5f5b57;",
        "figure": "margin:24px 0;",
        "figcaption": "font-family:\(sans);font-size:13px;color:#5f5b57;margin-top:6px;",
        "hr": "border:0;border-top:1px solid #e4ddd3;margin:28px 0;",
        "a": "color:#0f5499;",
        "code": "font-family:Menlo,Consolas,monospace;font-size:15px;",
    ]

    var language: EditionLanguage { rendered.issue.frontMatter.language }

    /// Adds the inline style to every opening tag of the kinds above.
    static func inline(_ html: String) -> String { EmailMarkup.inline(html, styles: styles) }

    func html() -> String {
        let m = rendered.issue.frontMatter
        let format = LocaleFormatter(language: language)
        let pageURL = config.absoluteURL(rendered.issue.outputPath + "/")
        let body = EmailEdition.inline(rendered.imageHTML(
            baseURL: config.absoluteURL, png: true,
            imageStyle: "display:block;width:100%;max-width:\(EmailEdition.imageWidth)px;height:auto;border:0;margin:0;",
            displayWidth: EmailEdition.imageWidth))
        let e = SVGWriter.escape
        var x = "<!DOCTYPE html>\n<html lang=\"\(language.htmlTag)\">\n<head>\n<meta charset=\"utf-8\">\n"
        x += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"x-apple-disable-message-reformatting\" content=\"\">\n"
        x += "<title>\(e(m.title))</title>\n</head>\n"
        x += "<body style=\"margin:0;padding:0;background:#f4f1ec;\">\n"
        x += "<div style=\"display:none;max-height:0;overflow:hidden;\">\(e(m.summary))</div>\n"
        x += "<div style=\"background:#f4f1ec;padding:24px 8px;\">\n"
        x += "<!--[if mso]><table role=\"presentation\" width=\"\(EmailEdition.width)\" align=\"center\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td><![endif]-->\n"
        x += "<div style=\"max-width:\(EmailEdition.width)px;margin:0 auto;background:#ffffff;\">\n"
        x += "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;border-spacing:0;\">\n"
        x += "<tr><td style=\"padding:20px \(EmailEdition.gutter)px 0;font-family:\(EmailEdition.sans);font-size:13px;color:#5f5b57;\">"
        x += "<a href=\"\(e(config.absoluteURL("")))\" style=\"color:#1d1d1f;font-weight:bold;text-decoration:none;\">\(e(config.title.text(language)))</a>"
        x += " · <a href=\"\(e(pageURL))\" style=\"color:#0f5499;\">\(Words.of(language).readOnTheWeb)</a></td></tr>\n"
        x += "<tr><td style=\"padding:8px \(EmailEdition.gutter)px 0;\">"
        x += "<h1 style=\"margin:12px 0 8px;font-family:\(EmailEdition.sans);font-size:28px;line-height:1.25;color:#1d1d1f;\">\(e(m.title))</h1>"
        x += "<p style=\"margin:0 0 8px;font-family:\(EmailEdition.serif);font-size:18px;line-height:1.6;color:#5f5b57;\">\(e(m.summary))</p>"
        x += "<p style=\"margin:0 0 20px;font-family:\(EmailEdition.sans);font-size:13px;color:#5f5b57;\">\(e(format.date(m.date))) · \(Words.of(language).dataAsOf) \(e(format.date(m.asOf)))</p>"
        x += "</td></tr>\n<tr><td style=\"padding:0 \(EmailEdition.gutter)px 24px;\">\n\(body)</td></tr>\n"
        x += "<tr><td style=\"padding:16px \(EmailEdition.gutter)px 28px;border-top:1px solid #e4ddd3;font-family:\(EmailEdition.sans);font-size:12px;line-height:1.6;color:#5f5b57;\">"
        x += Words.of(language).emailFooter
        x += " <a href=\"\(e(pageURL))\" style=\"color:#0f5499;\">\(e(pageURL))</a></td></tr>\n"
        x += "</table>\n</div>\n<!--[if mso]></td></tr></table><![endif]-->\n</div>\n</body>\n</html>\n"
        return x
    }

    /// The plain-text alternative: paragraphs, list items and chart references with their links.
    func text() -> String {
        let m = rendered.issue.frontMatter
        let html = rendered.html(keepInline: false) { chart in
            // A table of numbers is text in the HTML part, so it is text here too: a line per row.
            if case .numbers(let table) = chart.chart.layout {
                return "<p>\(Escape.html(chart.title))</p>" + table.rows.map { row in
                    "<p>\(Escape.html(ChartDescription.rowText(row, headings: table.changeHeadings, zh: language == .zh)))</p>"
                }.joined()
            }
            return "<p>[\(Words.of(language).chart)] \(Escape.html(chart.title)): \(config.absoluteURL(rendered.issue.outputPath + "/" + chart.pngName))</p>"
        }
        let text = EmailMarkup.plainText(html)
        let header = "\(m.title)\n\(String(repeating: "=", count: 20))\n\(m.summary)\n\n\(config.absoluteURL(rendered.issue.outputPath + "/"))\n\n"
        // Trimmed as bytes: the text is ASCII-spaced, and Foundation's trimming copies it whole.
        let isSpace = { (b: UInt8) in b == 10 || b == 13 || b == 32 || b == 9 }
        let utf8 = text.utf8
        let start = utf8.firstIndex { !isSpace($0) } ?? utf8.endIndex
        let end = utf8.lastIndex { !isSpace($0) }.map { utf8.index(after: $0) } ?? start
        return header + String(text[start..<max(start, end)]) + "\n"
    }
}
