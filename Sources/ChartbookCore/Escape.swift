import Foundation

/// One escaping function per place text lands, so every output format escapes the same way and
/// each can be tested alone with hostile strings. Text from the catalog, front matter and chart
/// specs goes through exactly one of these (or two, where one format nests inside another).
public enum Escape {
    /// Text for XML (and HTML) content and attribute values: `& < > " '` as entities, and the
    /// control characters XML 1.0 forbids (and U+FFFE, U+FFFF) dropped. The one function for SVG,
    /// HTML text and attributes, Atom, RSS and the sitemap.
    public static func xml(_ value: String) -> String {
        var value = value
        return value.withUTF8 { source -> String? in
            var out: [UInt8] = []
            return xml(source, into: &out) ? String(decoding: out, as: UTF8.self) : nil
        } ?? value
    }

    /// Appends the escaped form of UTF-8 `source` to `out`, byte by byte (feeds escape whole
    /// articles, so this runs over megabytes). Returns whether anything had to change; when nothing
    /// did, `source` was appended as it was.
    @discardableResult
    public static func xml(_ source: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        let n = source.count
        var start = 0, i = 0, changed = false
        while i < n {
            let b = source[i]
            var replacement: StaticString?
            var width = 1
            switch b {
            case 38: replacement = "&amp;"
            case 60: replacement = "&lt;"
            case 62: replacement = "&gt;"
            case 34: replacement = "&quot;"
            case 39: replacement = "&#39;"
            case 9, 10, 13: i += 1; continue
            case 0..<32, 0x7F: break // dropped
            // U+0080–U+009F (C1 controls) are C2 80…C2 9F; U+FFFE and U+FFFF are EF BF BE/BF.
            case 0xC2 where i + 1 < n && source[i + 1] <= 0x9F: width = 2
            case 0xEF where i + 2 < n && source[i + 1] == 0xBF && source[i + 2] >= 0xBE: width = 3
            default: i += 1; continue
            }
            if !changed { out.reserveCapacity(out.count + n + 32); changed = true }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<i]))
            if let replacement {
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            }
            i += width
            start = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<n]))
        return changed
    }

    /// HTML text and attribute values: the same as XML (HTML5 reads XML's entities).
    public static func html(_ value: String) -> String { xml(value) }

    /// The text of HTML escaped by `html` (its five entities), for plain-text editions; "&amp;lt;"
    /// stays the text "&lt;".
    public static func unescapeHTML(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        // One pass over the bytes, left to right, as a browser decodes: "&amp;lt;" is "&lt;", not "<".
        // (Five `replacingOccurrences` passes, `&amp;` last, gave the same text at a tenth of the speed.)
        let bytes = Array(value.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        scan: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&") {
                for (entity, char) in htmlEntities where bytes[i...].starts(with: entity) {
                    out.append(char)
                    i += entity.count
                    continue scan
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The entities `html` writes, and what each stands for.
    private static let htmlEntities: [([UInt8], UInt8)] = [
        (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")), (Array("&quot;".utf8), UInt8(ascii: "\"")),
        (Array("&#39;".utf8), UInt8(ascii: "'")), (Array("&amp;".utf8), UInt8(ascii: "&")),
    ]

    /// Plain text inside an RSS element that feed readers read as HTML (`<description>`): escaped
    /// for HTML first, then for XML, so `<img onerror=…>` stays text in every reader.
    public static func rssHTML(_ value: String) -> String { xml(html(value)) }

    /// A URL for an `href` or `src`: only http(s), mailto, relative and fragment links pass (others,
    /// such as `javascript:`, become `#`); spaces and non-ASCII are percent-encoded; then escaped
    /// as an attribute.
    public static func url(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
        if let colon = trimmed.firstIndex(of: ":") {
            let scheme = trimmed[..<colon].lowercased()
            let beforePathOrQuery = !trimmed[..<colon].contains(where: { "/?#".contains($0) })
            if beforePathOrQuery && !["http", "https", "mailto"].contains(scheme) { return "#" }
        }
        var out = ""
        for scalar in trimmed.unicodeScalars {
            if scalar.value < 0x21 || scalar.value >= 0x7F || scalar == "\"" || scalar == "<" || scalar == ">" || scalar == "`" {
                for byte in String(scalar).utf8 { out += String(format: "%%%02X", byte) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return xml(out)
    }

    /// A URL with every byte outside printable ASCII (and spaces, quotes, angle brackets) percent-encoded, the
    /// rest as it is: the form sitemaps and HTTP headers need. Not escaped for any markup (see `url`).
    public static func uri(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            if byte <= 0x20 || byte >= 0x7F || byte == 0x22 || byte == 0x3C || byte == 0x3E || byte == 0x60 {
                out += String(format: "%%%02X", byte)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF (checked by scalar:
    /// in Swift "\r\n" is one Character, equal to neither); a leading `=`, `+`, `-` or `@` is
    /// prefixed with `'` so a spreadsheet does not run it as a formula. For text fields, not numbers.
    public static func csv(_ field: String) -> String {
        var f = plainText(field)
        if let first = f.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { f = "'" + f }
        guard f.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return f }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in f.unicodeScalars {
            if scalar == "\"" { out.append("\"") } // by scalar: a quote followed by a combining mark is still a quote
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }

    /// A JSON string literal, quotes included: `"` and `\` escaped, control characters as `\uXXXX`,
    /// and `<`, `>`, `&` as `\u003c` … so the JSON is also safe inside a page's `<script>`.
    public static func json(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{FEFF}": out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// Plain text (email.txt, CSV, terminal output): control characters dropped but tab and line
    /// breaks, CR LF and lone CR made LF.
    public static func plainText(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || (0x7F...0x9F).contains($0.value) }) else { return value }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in value.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\r" { out.append("\n"); continue }
            if scalar == "\n" && previousCR { continue }
            if (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || (0x7F...0x9F).contains(scalar.value) { continue }
            out.append(scalar)
        }
        return String(out)
    }

    /// CommonMark's ASCII punctuation, which a backslash makes literal, less what becomes an entity.
    static let markdownPunctuation = Set("!#$%()*+,-./:;=?@[\\]^_`{|}~".unicodeScalars)

    /// Text that is put into Markdown source and must stay text: every ASCII punctuation mark that
    /// Markdown could read as syntax is backslash-escaped (`[a](javascript:…)` stays those
    /// characters, never a link), except `& < > " '`, which the template engine writes as HTML
    /// entities and Markdown turns back into the characters. Line breaks become spaces (a value is
    /// inline text: it must not start a heading or list on a line of its own).
    public static func markdown(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { markdownPunctuation.contains($0) || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return value }
        var out = String.UnicodeScalarView()
        for scalar in plainText(value).unicodeScalars {
            if scalar == "\n" || scalar == "\t" { out.append(" "); continue }
            if Escape.markdownPunctuation.contains(scalar) {
                out.append("\\")
            }
            out.append(scalar)
        }
        return String(out)
    }
}
