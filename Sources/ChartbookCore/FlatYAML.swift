import Yams

/// Reads the flat YAML that front matter and chart specs are nearly always written in — one
/// `key: value` per line, values plain text or a one-line `[a, b]` list — without a full YAML
/// parser: Yams cost more than rendering the Markdown of a 1,000-issue archive. Anything else
/// (quotes, comments, nesting, multi-line values, duplicate keys, unusual characters) returns nil,
/// and the caller hands the text to Yams, so both readers always agree (a test compares them).
enum FlatYAML {
    static func parse(_ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes: UnsafeBufferPointer<UInt8>) -> YAMLNode? {
        var pairs: [(YAMLNode, YAMLNode)] = []
        var keys: Set<String> = []
        var line = 0
        var start = 0
        let n = bytes.count
        while start <= n {
            line += 1
            var end = start
            while end < n && bytes[end] != 10 { end += 1 }
            defer { start = end + 1 }
            var last = end
            while last > start && bytes[last - 1] == 32 { last -= 1 }
            if last == start { continue } // blank line
            // key: letters, digits and underscores, starting with a letter or underscore
            guard isKeyStart(bytes[start]) else { return nil }
            var colon = start + 1
            while colon < last && isKeyChar(bytes[colon]) { colon += 1 }
            guard colon + 1 < last, bytes[colon] == 58, bytes[colon + 1] == 32 else { return nil }
            var valueStart = colon + 2
            while bytes[valueStart] == 32 { valueStart += 1 } // `last` is not a space, so this stops
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<colon]), as: UTF8.self)
            guard keys.insert(key).inserted else { return nil } // Yams reports duplicates its own way
            let keyNode = YAMLNode.scalar(key, plain: true, .init(line: line, column: 1))
            let lineStart = start
            func position(_ at: Int) -> YAMLNode.Position {
                .init(line: line, column: characters(UnsafeBufferPointer(rebasing: bytes[lineStart..<at])) + 1)
            }
            let value: YAMLNode
            if bytes[valueStart] == 91 { // [
                guard bytes[last - 1] == 93 else { return nil } // ]
                var items: [YAMLNode] = []
                var itemStart = valueStart + 1
                let close = last - 1
                var inner = itemStart
                while inner < close && bytes[inner] == 32 { inner += 1 }
                if inner < close {
                    while itemStart <= close {
                        var itemEnd = itemStart
                        while itemEnd < close && bytes[itemEnd] != 44 { itemEnd += 1 } // ,
                        var a = itemStart, b = itemEnd
                        while a < b && bytes[a] == 32 { a += 1 }
                        while b > a && bytes[b - 1] == 32 { b -= 1 }
                        let item = UnsafeBufferPointer(rebasing: bytes[a..<b])
                        guard isPlain(item, inFlow: true) else { return nil }
                        items.append(.scalar(String(decoding: item, as: UTF8.self), plain: true, position(a)))
                        itemStart = itemEnd + 1
                    }
                }
                value = .sequence(items, position(valueStart))
            } else {
                let scalar = UnsafeBufferPointer(rebasing: bytes[valueStart..<last])
                guard isPlain(scalar, inFlow: false) else { return nil }
                value = .scalar(String(decoding: scalar, as: UTF8.self), plain: true, position(valueStart))
            }
            pairs.append((keyNode, value))
        }
        guard let first = pairs.first else { return nil }
        return .mapping(pairs, first.0.position)
    }

    static func isKeyStart(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
    static func isKeyChar(_ b: UInt8) -> Bool { isKeyStart(b) || (b >= 48 && b <= 57) }

    /// Unicode scalars in valid UTF-8 (libyaml counts columns in characters).
    static func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for b in bytes where b & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Characters that cannot start a plain scalar: - ? : , [ ] { } # & * ! | > ' " % @ `
    static let indicators: Set<UInt8> = [45, 63, 58, 44, 91, 93, 123, 125, 35, 38, 42, 33, 124, 62, 39, 34, 37, 64, 96]

    /// Whether `s` is a plain scalar that YAML reads as exactly these characters: not empty, no
    /// indicator first, no `: ` or ` #`, no control or line-break characters, and (in a flow list)
    /// none of `,[]{}:`.
    static func isPlain(_ s: UnsafeBufferPointer<UInt8>, inFlow: Bool) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        if indicators.contains(first) || last == 58 { return false }
        var i = 0
        while i < s.count {
            let b = s[i]
            switch b {
            case 0..<32, 127: return false
            case 35 where i > 0 && s[i - 1] == 32: return false // " #"
            case 44, 91, 93, 123, 125, 58:
                if inFlow { return false }
                if b == 58 && i + 1 < s.count && s[i + 1] == 32 { return false } // ": "
            // C1 controls and NEL (C2 80…9F), line and paragraph separators (E2 80 A8/A9), the
            // byte-order mark (EF BB BF) and the non-characters U+FFFE/U+FFFF (EF BF BE/BF).
            case 0xC2 where i + 1 < s.count && s[i + 1] <= 0x9F: return false
            case 0xE2 where i + 2 < s.count && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9): return false
            case 0xEF where i + 2 < s.count && ((s[i + 1] == 0xBB && s[i + 2] == 0xBF) || (s[i + 1] == 0xBF && s[i + 2] >= 0xBE)): return false
            default: break
            }
            i += 1
        }
        return true
    }
}

extension YAMLValue {
    /// Whether the fast reader, where it accepts `text`, reads it exactly as Yams does (for the
    /// fuzzer, which feeds it hostile texts by the million).
    public static func flatReaderAgreesWithYams(_ text: String) -> Bool {
        guard let flat = FlatYAML.parse(text) else { return true }
        guard let node = try? Yams.compose(yaml: text, .basic, .default, .utf8) else { return false }
        var budget = YAMLNode.Budget()
        return YAMLNode(node, budget: &budget) == flat
    }
}
