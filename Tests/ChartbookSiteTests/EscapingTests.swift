import ChartbookCore
@testable import ChartbookSite
import ChartbookMarkdown
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Each escaping context, fed hostile strings: what comes out can only be read back as the text
/// that went in (issue 16: "Injects or corrupts").
@Suite struct EscapeContextTests {
    /// Random strings over an alphabet of everything that breaks a format, plus plain text.
    static func hostileStrings(count: Int = 400, seed: UInt64 = 16) -> [String] {
        let alphabet: [String] = ["<", ">", "&", "\"", "'", "`", "[", "]", "(", ")", "*", "_", "\\", "!", "#", "-", "+", "=", "@", ",",
                                  "\r\n", "\r", "\n", "\t", " ", "\u{0}", "\u{1}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}",
                                  "javascript:", "<img src=x onerror=alert(1)>", "]]>", "&amp;", "&#x3c;", "{{", "}}", "\u{2028}",
                                  "a", "Z", "9", "é", "日本", "😀", "\u{FEFF}", "\u{FFFE}", "%", "/", ":", "|", "~", "^", "$"]
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in (0..<next(12) + 1).map { _ in alphabet[next(alphabet.count)] }.joined() }
    }

    /// What XML 1.0 can carry of `text`: `Escape.xml` drops the rest.
    static func xmlCarriable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            !(($0.value < 0x20 && !["\t", "\n", "\r"].contains($0)) || (0x7F...0x9F).contains($0.value) || $0.value == 0xFFFE || $0.value == 0xFFFF)
        }))
    }

    /// The text and the `t` attribute of `<a t="…">…</a>`, as an XML parser reads them.
    final class OneElement: NSObject, XMLParserDelegate {
        var text = "", attribute = ""
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            attribute = attributes["t"] ?? ""
        }
        func parser(_ p: XMLParser, foundCharacters string: String) { text += string }
        static func read(_ xml: String) -> OneElement? {
            let reader = OneElement()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = reader
            return parser.parse() ? reader : nil
        }
    }

    @Test func xmlAndHTMLReadBackAsTheText() {
        for s in Self.hostileStrings() {
            let e = Escape.xml(s)
            #expect(!e.contains("<") && !e.contains(">") && !e.contains("\""), "\(s.debugDescription) → \(e.debugDescription)")
            guard let read = OneElement.read("<a t=\"\(e)\">\(e)</a>") else { Issue.record("not well-formed: \(e.debugDescription)"); continue }
            // XML turns CR LF and CR into LF in content, and line breaks and tabs into spaces in attributes.
            let want = Self.xmlCarriable(s)
            #expect(read.text == want.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"), "\(s.debugDescription)")
            #expect(Escape.html(s) == e)
        }
    }

    @Test func unescapingHTMLGivesTheTextBack() {
        for s in Self.hostileStrings() { #expect(Escape.unescapeHTML(Escape.html(s)) == Self.xmlCarriable(s), "\(s.debugDescription)") }
        #expect(Escape.unescapeHTML("&amp;lt;") == "&lt;")
    }

    @Test func rssHTMLIsTextAfterTheReaderUnescapesTwice() {
        for s in Self.hostileStrings() {
            guard let once = OneElement.read("<a>\(Escape.rssHTML(s))</a>")?.text else { Issue.record("not well-formed"); continue }
            // What a feed reader then treats as HTML holds no tag at all, only entities.
            #expect(!once.contains("<") && !once.contains(">"), "\(s.debugDescription) → \(once.debugDescription)")
            #expect(once == Escape.html(Self.xmlCarriable(s).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")))
        }
    }

    @Test func urlsKeepOnlySafeSchemes() {
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "\u{1}javascript:x", "vbscript:x", "data:text/html,<b>",
                    "file:///etc/passwd", "jav&#x09;ascript:x"] {
            // What a browser makes of the attribute: entities decoded once, tabs and line breaks removed.
            var seen = Escape.url(bad)
            for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] { seen = seen.replacingOccurrences(of: entity, with: char) }
            seen = seen.filter { $0 != "\t" && !$0.isNewline }.lowercased()
            let dangerous = ["javascript:", "vbscript:", "data:", "file:"].filter { seen.hasPrefix($0) }
            #expect(dangerous.isEmpty, "\(bad.debugDescription) → \(seen)")
        }
        #expect(Escape.url("https://example.org/a b?q=\"x\"") == "https://example.org/a%20b?q=%22x%22")
        #expect(Escape.url("../issues/2025-05-24/") == "../issues/2025-05-24/")
        #expect(Escape.url("/tags/日本/") == "/tags/%E6%97%A5%E6%9C%AC/")
        #expect(Escape.url("#fig-chart-1") == "#fig-chart-1")
        for s in Self.hostileStrings() {
            let e = Escape.url(s)
            let unsafe = e.filter { (c: Character) -> Bool in c == " " || c == "\"" || c == "<" || c == ">" || c.isNewline }
            #expect(unsafe.isEmpty, "\(s.debugDescription) → \(e)")
        }
    }

    /// RFC 4180 fields of one CSV record (for reading back what `Escape.csv` wrote).
    static func csvFields(_ line: String) -> [String]? {
        var fields: [String] = [], field = "", quoted = false, i = line.unicodeScalars.startIndex
        let s = line.unicodeScalars
        var atStart = true
        while i < s.endIndex {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    let n = s.index(after: i)
                    if n < s.endIndex && s[n] == "\"" { field.unicodeScalars.append("\""); i = s.index(after: n); continue }
                    quoted = false
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" && atStart { quoted = true } else if c == "," { fields.append(field); field = ""; atStart = true; i = s.index(after: i); continue }
            else if c == "\n" || c == "\r" { return nil } else { field.unicodeScalars.append(c) }
            atStart = false
            i = s.index(after: i)
        }
        if quoted { return nil }
        return fields + [field]
    }

    @Test func csvFieldsReadBackAsOneRecord() {
        for s in Self.hostileStrings() {
            let record = Escape.csv(s) + "," + Escape.csv("x")
            guard let fields = Self.csvFields(record) else { Issue.record("\(s.debugDescription) split the record: \(record.debugDescription)"); continue }
            #expect(fields.count == 2, "\(s.debugDescription)")
            var want = Escape.plainText(s)
            if let first = want.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { want = "'" + want }
            #expect(fields.first == want, "\(s.debugDescription)")
        }
    }

    @Test func jsonStringsDecodeToTheText() throws {
        for s in Self.hostileStrings() {
            let e = Escape.json(s)
            #expect(!e.contains("<") && !e.contains(">") && !e.contains("&"))
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(e)]".utf8)) as? [String]
            #expect(decoded == [s], "\(s.debugDescription)")
        }
    }

    @Test func plainTextHasNoControlCharacters() {
        for s in Self.hostileStrings() {
            let e = Escape.plainText(s)
            let controls = e.unicodeScalars.filter { scalar -> Bool in
                let v = scalar.value
                return (v < 0x20 && v != 9 && v != 10) || (0x7F...0x9F).contains(v)
            }
            #expect(controls.isEmpty, "\(s.debugDescription)")
        }
    }

    /// Catalog text in Markdown source renders as exactly that text: no link, emphasis, code or HTML.
    @Test func markdownTextRendersAsItself() {
        for s in Self.hostileStrings() {
            let text = Escape.markdown(s)
            // The template engine HTML-escapes values after this, as it does in an issue.
            let source = "x " + Escape.html(text) + " x"
            let html = Markdown.render(source, options: MarkdownOptions(allowRawHTML: true)) { _ in nil }.html
            let markup = ["<a ", "<em>", "<strong>", "<code>", "<img", "<h"].filter { html.contains($0) }
            #expect(markup.isEmpty, "\(s.debugDescription) → \(html)")
            // The text a reader sees: tags gone, entities decoded, runs of spaces as one (as HTML shows them).
            func visible(_ html: String) -> String {
                var t = html.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "")
                for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] { t = t.replacingOccurrences(of: entity, with: char) }
                return t.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            }
            #expect(visible(html) == visible("x " + Escape.html(Escape.plainText(s)) + " x"), "\(s.debugDescription) → \(html.debugDescription)")
        }
    }
}
