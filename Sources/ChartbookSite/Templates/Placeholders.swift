/// Replaces `<open>key<close>` markers in one pass over the text. Figures are inserted after
/// libcmark, into pages that are several hundred kilobytes once charts are in; Foundation's
/// `replacingOccurrences` rescans the whole page for every figure.
enum Placeholders {
    static func substitute(in text: String, open: String, close: String, _ replacement: (Substring) -> String?) -> String {
        guard text.contains(open) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let start = rest.range(of: open) {
            out += rest[..<start.lowerBound]
            let afterOpen = rest[start.upperBound...]
            guard let end = afterOpen.range(of: close) else { out += rest[start.lowerBound...]; return out }
            let key = afterOpen[..<end.lowerBound]
            out += replacement(key) ?? String(rest[start.lowerBound..<end.upperBound])
            rest = afterOpen[end.upperBound...]
        }
        out += rest
        return out
    }
}
