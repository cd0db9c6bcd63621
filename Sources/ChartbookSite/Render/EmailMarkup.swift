import ChartbookCore

/// The two rewrites of article HTML an email edition needs, each one pass over the bytes: inline
/// styles on every opening tag (mail clients drop style sheets), and a plain-text twin. Done with
/// string replacement these took two fifths of a 1,000-issue build.
enum EmailMarkup {
    /// `html` with `style="…"` added to each opening tag named in `styles` that has none, and
    /// `id` attributes dropped (anchors do not work in most clients).
    static func inline(_ html: String, styles: [String: String]) -> String {
        let byName = Dictionary(uniqueKeysWithValues: styles.map { (Array($0.key.utf8), Array(" style=\"\($0.value)\"".utf8)) })
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else {
                out.append(bytes[i]); i += 1; continue
            }
            var nameEnd = i + 1
            while nameEnd < end, bytes[nameEnd] != UInt8(ascii: " "), bytes[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
            let tag = bytes[i...end]
            var rewritten = Array(bytes[i..<nameEnd])
            var attributes = Array(bytes[nameEnd..<end])
            attributes = dropIDs(attributes)
            if let style = byName[Array(bytes[i + 1..<nameEnd])], !tag.contains(subsequence: Array(" style=\"".utf8)) {
                rewritten += style
            }
            out += rewritten + attributes + [UInt8(ascii: ">")]
            i = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Attribute bytes without any ` id="…"`.
    private static func dropIDs(_ attributes: [UInt8]) -> [UInt8] {
        let marker = Array(" id=\"".utf8)
        guard attributes.contains(subsequence: marker) else { return attributes }
        var out: [UInt8] = [], i = 0
        while i < attributes.count {
            if attributes[i...].starts(with: marker), let close = attributes[(i + marker.count)...].firstIndex(of: UInt8(ascii: "\"")) {
                i = close + 1
                continue
            }
            out.append(attributes[i]); i += 1
        }
        return out
    }

    /// Readable plain text of article HTML: paragraphs and headings apart, `## ` before level-2
    /// headings, `- ` before list items, a rule as `----`, entities decoded, at most one blank line.
    static func plainText(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), let end = bytes[i...].firstIndex(of: UInt8(ascii: ">")) else {
                out.append(bytes[i]); i += 1; continue
            }
            let tag = bytes[i...end]
            if tag.starts(with: "<li".utf8) && (bytes[i + 3] == UInt8(ascii: ">") || bytes[i + 3] == UInt8(ascii: " ")) {
                out += Array("\n- ".utf8)
            } else if tag.starts(with: "</p>".utf8) || tag.starts(with: "</h2>".utf8) {
                out += [10, 10]
            } else if tag.starts(with: "<h2".utf8) {
                out += Array("\n## ".utf8)
            } else if tag.starts(with: "<hr".utf8) {
                out += Array("\n----\n".utf8)
            }
            i = end + 1
        }
        // At most one blank line in a row.
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(out.count)
        var newlines = 0
        for b in out {
            newlines = b == 10 ? newlines + 1 : 0
            if newlines <= 2 { collapsed.append(b) }
        }
        return Escape.unescapeHTML(String(decoding: collapsed, as: UTF8.self))
    }
}

extension ArraySlice where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard subsequence.count <= count else { return false }
        var i = startIndex
        while i + subsequence.count <= endIndex {
            if self[i] == subsequence[0] && self[i..<i + subsequence.count].elementsEqual(subsequence) { return true }
            i += 1
        }
        return false
    }
}

extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool { self[...].contains(subsequence: subsequence) }
}
