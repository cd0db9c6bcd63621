import ChartbookCore

/// Finds ```` ```chart ```` fences in template sources before rendering, so a spec error is reported
/// at its line in the file the author edits, not in the composed document.
enum ChartFences {
    /// Every chart spec in `text`, keyed by its content (as libcmark will hand it back).
    static func specs(in text: String, file: String) throws(SourceError) -> [String: ChartSpec] {
        var result: [String: ChartSpec] = [:]
        for (yaml, line) in blocks(in: text, info: "chart") { result[yaml] = try ChartSpec(yaml: yaml, file: file, lineOffset: line) }
        return result
    }

    /// Every ```` ```claims ```` block in `text`, keyed by its content.
    static func statements(in text: String, file: String) throws(SourceError) -> [String: [Statement]] {
        var result: [String: [Statement]] = [:]
        for (yaml, line) in blocks(in: text, info: "claims") { result[yaml] = try Statement.block(yaml, file: file, lineOffset: line) }
        return result
    }

    /// The content of each fenced block whose info string is `info`, with the number of lines before it.
    static func blocks(in text: String, info wanted: String) -> [(String, Int)] {
        var result: [(String, Int)] = []
        // On bytes, not Characters: grapheme breaking a long (often Chinese) article costs far
        // more than the few fences in it. Each line is a byte range, without its "\r\n" or "\n".
        let bytes = Array(text.utf8)
        var lines: [Range<Int>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 10 {
            lines.append(start..<(i > start && bytes[i - 1] == 13 ? i - 1 : i))
            start = i + 1
        }
        lines.append(start..<(bytes.last == 13 && bytes.count > start ? bytes.count - 1 : bytes.count))
        /// The line without its leading spaces.
        func content(_ line: Range<Int>) -> ArraySlice<UInt8> {
            var from = line.lowerBound
            while from < line.upperBound && bytes[from] == 32 { from += 1 }
            return bytes[from..<line.upperBound]
        }
        var i = 0
        while i < lines.count {
            let line = content(lines[i])
            guard let mark = line.first, mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~") else { i += 1; continue }
            let fence = line.prefix { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") }
            let info = line.dropFirst(fence.count).drop { $0 == 32 || $0 == 9 }
            let infoEnd = info.lastIndex { $0 != 32 && $0 != 9 }.map { $0 + 1 } ?? info.startIndex
            guard fence.count >= 3, fence.allSatisfy({ $0 == mark }), info[info.startIndex..<infoEnd].elementsEqual(wanted.utf8) else { i += 1; continue }
            let bodyStart = i + 1
            var end = bodyStart
            while end < lines.count {
                let candidate = content(lines[end])
                if candidate.count >= fence.count, candidate.allSatisfy({ $0 == mark }) { break }
                end += 1
            }
            var body: [UInt8] = []
            for line in lines[bodyStart..<end] { body += bytes[line]; body.append(10) }
            let yaml = String(decoding: body, as: UTF8.self)
            result.append((yaml, bodyStart))
            i = end + 1
        }
        return result
    }
}
