/// Replaces `<open>key<close>` markers in one pass over the text's bytes. Figures are inserted
/// after libcmark into pages of several hundred kilobytes; Foundation's string search takes a slow
/// Unicode-folding path on Linux, so this scans UTF-8 bytes directly.
enum Placeholders {
    static func substitute(in text: String, open: String, close: String, _ replacement: (Substring) -> String?) -> String {
        var out: [UInt8] = []
        guard substitute(in: text, open: open, close: close, into: &out, replacement) else { return text }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` with its markers replaced to `out` as UTF-8 (pages are written as bytes, so
    /// the result need not become a String again). Returns whether any marker was replaced; when
    /// none was, nothing is appended.
    @discardableResult
    static func substitute(in text: String, open: String, close: String, into out: inout [UInt8],
                           _ replacement: (Substring) -> String?) -> Bool {
        let bytes = Array(text.utf8), openBytes = Array(open.utf8), closeBytes = Array(close.utf8)
        guard let first = openBytes.first, let closeFirst = closeBytes.first else { return false }
        func matches(_ pattern: [UInt8], at i: Int) -> Bool {
            i + pattern.count <= bytes.count && bytes[i..<(i + pattern.count)].elementsEqual(pattern)
        }
        var copied = 0, i = 0, replaced = false
        while i < bytes.count {
            guard bytes[i] == first, matches(openBytes, at: i) else { i += 1; continue }
            var j = i + openBytes.count
            while j < bytes.count && !(bytes[j] == closeFirst && matches(closeBytes, at: j)) { j += 1 }
            guard j < bytes.count else { break }
            let key = Substring(decoding: bytes[(i + openBytes.count)..<j], as: UTF8.self)
            if let value = replacement(key) {
                if !replaced { out.reserveCapacity(out.count + bytes.count * 2); replaced = true }
                out.append(contentsOf: bytes[copied..<i])
                out.append(contentsOf: value.utf8)
                copied = j + closeBytes.count
            }
            i = j + closeBytes.count
        }
        guard replaced else { return false }
        out.append(contentsOf: bytes[copied...])
        return true
    }
}
