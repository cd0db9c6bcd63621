/// Replaces `<open>key<close>` markers in one pass over the text's bytes. Figures are inserted
/// after libcmark into pages of several hundred kilobytes; Foundation's string search takes a slow
/// Unicode-folding path on Linux, so this scans UTF-8 bytes directly.
enum Placeholders {
    static func substitute(in text: String, open: String, close: String, _ replacement: (Substring) -> String?) -> String {
        let bytes = Array(text.utf8), openBytes = Array(open.utf8), closeBytes = Array(close.utf8)
        guard let first = openBytes.first, let closeFirst = closeBytes.first else { return text }
        func matches(_ pattern: [UInt8], at i: Int) -> Bool {
            i + pattern.count <= bytes.count && bytes[i..<(i + pattern.count)].elementsEqual(pattern)
        }
        var out: [UInt8] = []
        var copied = 0, i = 0
        while i < bytes.count {
            guard bytes[i] == first, matches(openBytes, at: i) else { i += 1; continue }
            var j = i + openBytes.count
            while j < bytes.count && !(bytes[j] == closeFirst && matches(closeBytes, at: j)) { j += 1 }
            guard j < bytes.count else { break }
            let key = Substring(decoding: bytes[(i + openBytes.count)..<j], as: UTF8.self)
            if let value = replacement(key) {
                if out.isEmpty { out.reserveCapacity(bytes.count * 2) }
                out.append(contentsOf: bytes[copied..<i])
                out.append(contentsOf: value.utf8)
                copied = j + closeBytes.count
            }
            i = j + closeBytes.count
        }
        if copied == 0 { return text }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
