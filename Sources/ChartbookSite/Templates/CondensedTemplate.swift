import ChartbookCore
import Mustache

/// An issue's body compiled with its long tag-free stretches set aside. The template engine reads
/// text one grapheme cluster at a time, so a 3,000-word article (most of it plain prose) spent a
/// quarter of its build in the parser. Long lines without `{{` or `}}` are replaced by a
/// short token line before parsing and put back after rendering; the output is byte-for-byte what
/// the full template renders (`render` of both is compared in tests and by the fuzzer).
struct CondensedTemplate {
    let template: MustacheTemplate
    /// The text set aside, by token number.
    let stretches: [String]

    /// Tokens are `U+E000 number U+E001`, from the Private Use Area; a source that already holds
    /// either character is compiled whole.
    static let open: [UInt8] = [0xEE, 0x80, 0x80], close: [UInt8] = [0xEE, 0x80, 0x81]
    /// Shorter lines are not worth a token.
    static let minimumRun = 128

    init(_ source: TemplateSource) throws(SourceError) {
        // Several lines may share a token unless the text has parent or block tags, whose content
        // the engine may indent line by line (see `condense`).
        let tags = try? TemplateScanner.cachedTags(in: source.text, file: source.display)
        let mergeLines = tags.map { !$0.contains { $0.kind == .parent || $0.kind == .block } } ?? false
        let (text, stretches) = Self.condense(source.text, mergeLines: mergeLines)
        guard !stretches.isEmpty else {
            template = try TemplateSet.compile(source)
            self.stretches = []
            return
        }
        var condensed = source
        condensed.text = text
        do {
            template = try TemplateSet.compile(condensed)
        } catch {
            // Report the error where it is in the file the author wrote.
            template = try TemplateSet.compile(source)
        }
        self.stretches = stretches
    }

    func render(_ context: Any, library: MustacheLibrary) -> String {
        let output = template.render(context, library: library)
        return stretches.isEmpty ? output : restore(output)
    }

    /// The text with long tag-free stretches replaced by token lines, and those stretches. With
    /// `mergeLines`, a token stands for a whole run of tag-free lines; without, for one line only:
    /// inside an indented partial or block the engine indents every line, and a token must then
    /// stand for exactly one of them.
    static func condense(_ text: String, mergeLines: Bool = false) -> (String, [String]) {
        let bytes = Array(text.utf8)
        guard !contains(bytes, open), !contains(bytes, close) else { return (text, []) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4)
        var stretches: [String] = []
        var lineStart = 0, runStart = 0
        var plain = true
        /// Sets aside the complete lines from `runStart` up to `end` (exclusive), or copies them when short.
        func flush(_ end: Int) {
            if end - runStart >= minimumRun {
                out += open
                out += Array(String(stretches.count).utf8)
                out += close
                out.append(10)
                stretches.append(String(decoding: bytes[runStart..<end], as: UTF8.self))
            } else {
                out += bytes[runStart..<end]
            }
            runStart = end
        }
        for i in bytes.indices {
            let b = bytes[i]
            if (b == 0x7B || b == 0x7D) && i + 1 < bytes.count && bytes[i + 1] == b { plain = false }
            // The engine reads "\r\n" as one character, not a line break, so a line ending that
            // way must stay as it is (the fuzzer found this).
            if b == 13 { plain = false }
            guard b == 10 else { continue }
            if !plain {
                flush(lineStart) // the run of plain lines before this one
                out += bytes[lineStart...i]
                runStart = i + 1
            } else if !mergeLines {
                flush(i + 1)
            }
            lineStart = i + 1
            plain = true
        }
        flush(lineStart)
        out += bytes[lineStart...] // a last line without a newline stays as it is
        return (String(decoding: out, as: UTF8.self), stretches)
    }

    /// Puts each line back in place of its token line.
    func restore(_ output: String) -> String {
        let bytes = Array(output.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + stretches.reduce(0) { $0 + $1.utf8.count })
        var i = 0
        while i < bytes.count {
            if Self.matches(bytes, at: i, Self.open) {
                var j = i + 3, number = 0, digits = 0
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57, digits < 9 {
                    number = number * 10 + Int(bytes[j] - 48)
                    j += 1
                    digits += 1
                }
                if digits > 0, number < stretches.count, Self.matches(bytes, at: j, Self.close), j + 3 < bytes.count, bytes[j + 3] == 10 {
                    out += stretches[number].utf8
                    i = j + 4
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func matches(_ bytes: [UInt8], at i: Int, _ needle: [UInt8]) -> Bool {
        i + needle.count <= bytes.count && bytes[i] == needle[0] && bytes[i + 1] == needle[1] && bytes[i + 2] == needle[2]
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        bytes.indices.contains { matches(bytes, at: $0, needle) }
    }
}
