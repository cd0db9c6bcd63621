import ChartbookCore

/// Finds ```` ```chart ```` fences in template sources before rendering, so a spec error is reported
/// at its line in the file the author edits, not in the composed document.
enum ChartFences {
    /// Every chart spec in `text`, keyed by its content (as libcmark will hand it back).
    static func specs(in text: String, file: String) throws(SourceError) -> [String: ChartSpec] {
        var result: [String: ChartSpec] = [:]
        // Split on bytes, not Characters: grapheme breaking a long (often Chinese) article costs
        // far more than the few fences in it.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line -> Substring in
            line.last == UInt8(ascii: "\r") ? Substring(line.dropLast()) : Substring(line)
        }
        var i = 0
        while i < lines.count {
            let line = lines[i].drop { $0 == " " }
            guard line.utf8.first == UInt8(ascii: "`") || line.utf8.first == UInt8(ascii: "~") else { i += 1; continue }
            let fence = line.prefix { $0 == "`" || $0 == "~" }
            guard fence.count >= 3, Set(fence).count == 1, line.dropFirst(fence.count).trimmingSpaces() == "chart" else { i += 1; continue }
            let start = i + 1
            var end = start
            while end < lines.count {
                let candidate = lines[end].drop { $0 == " " }
                if candidate.hasPrefix(fence), candidate.allSatisfy({ $0 == fence.first }) { break }
                end += 1
            }
            let body = lines[start..<end].map { $0 + "\n" }.joined()
            result[body] = try ChartSpec(yaml: body, file: file, lineOffset: start)
            i = end + 1
        }
        return result
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
