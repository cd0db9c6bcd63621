import ChartbookCore
import Foundation

/// One Mustache tag found in a template's text, with its position.
struct TemplateTag: Sendable {
    enum Kind: Sendable { case variable, section, inverted, close, partial, parent, block, comment, other }
    var kind: Kind
    var name: String
    var location: SourceLocation
}

/// Finds the Mustache tags of a template with their line and column. The engine renders an unknown
/// name or a missing partial as empty text; this scan lets the build refuse them with a location instead.
enum TemplateScanner {
    /// The tags of a text, scanned once: a build checks, compiles and searches each partial for
    /// every issue that includes it, and each issue several times.
    static func cachedTags(in text: String, file: String) throws(SourceError) -> [TemplateTag] {
        // Keyed by a byte hash: String.hashValue normalises Unicode first, slow on Chinese text.
        var bytes = text
        let hash = bytes.withUTF8 { XXH64.hash($0, seed: 0) }
        let key = file + "\u{0}" + String(text.utf8.count) + "\u{0}" + String(hash, radix: 16)
        if let hit = cache.get(key) { return hit }
        let tags = try tags(in: text, file: file)
        cache.set(key, tags)
        return tags
    }

    final class Cache: @unchecked Sendable {
        private var entries: [String: [TemplateTag]] = [:]
        private let lock = NSLock()
        func get(_ key: String) -> [TemplateTag]? { lock.lock(); defer { lock.unlock() }; return entries[key] }
        func set(_ key: String, _ tags: [TemplateTag]) {
            lock.lock(); defer { lock.unlock() }
            if entries.count > 4_096 { entries.removeAll() } // a long-running `serve` should not grow without bound
            entries[key] = tags
        }
    }

    static let cache = Cache()

    static func tags(in text: String, file: String) throws(SourceError) -> [TemplateTag] {
        // UTF-8 bytes, not Unicode scalars: issue bodies are long and tags few, and `{`, `}` and the
        // tag sigils are ASCII, which never occurs inside a multi-byte character.
        let bytes = Array(text.utf8)
        let n = bytes.count
        var tags: [TemplateTag] = []
        // Line and column (in characters) are worked out only where a tag starts, from the last one:
        // memchr finds the line breaks, and only the tag's own line is counted character by character.
        var cursor = 0, line = 1, column = 1
        func location(at index: Int) -> SourceLocation {
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return }
                while cursor < index, let hit = memchr(base + cursor, 10, index - cursor) {
                    line += 1; column = 1
                    cursor = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base + 1
                }
                while cursor < index {
                    if b[cursor] & 0xC0 != 0x80 { column += 1 }
                    cursor += 1
                }
            }
            return SourceLocation(file: file, line: line, column: column)
        }
        /// The next `{{` at or after `from`, or `n` (memchr over the prose between tags).
        func nextOpening(_ from: Int) -> Int {
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return n }
                var at = from
                while at + 1 < n, let hit = memchr(base + at, 123, n - at) {
                    let found = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                    if found + 1 < n && b[found + 1] == 123 { return found }
                    at = found + 1
                }
                return n
            }
        }
        var i = 0
        while i + 1 < n {
            i = nextOpening(i)
            guard i + 1 < n else { break }
            let here = location(at: i)
            i += 2
            var triple = false
            if i < n, bytes[i] == 123 { triple = true; i += 1 }
            var kind = TemplateTag.Kind.variable
            if i < n {
                switch bytes[i] {
                case 35: kind = .section // #
                case 94: kind = .inverted // ^
                case 47: kind = .close // /
                case 62: kind = .partial // >
                case 60: kind = .parent // <
                case 36: kind = .block // $
                case 33: kind = .comment // !
                case 38: kind = .variable // &
                case 61: throw SourceError(here, "custom Mustache delimiters ({{=…=}}) are not supported")
                case 37: kind = .other // %
                default: break
                }
                if kind != .variable || bytes[i] == 38 { i += 1 }
            }
            let start = i
            while i + 1 < n, !(bytes[i] == 125 && bytes[i + 1] == 125) { i += 1 }
            guard i + 1 < n else { throw SourceError(here, "unclosed Mustache tag: '}}' is missing") }
            var name = String(decoding: bytes[start..<i], as: UTF8.self)
            i += 2
            if triple, i < n, bytes[i] == 125 { i += 1 }
            if kind != .comment { name = name.trimmingCharacters() }
            // Transforms are written `{{ transform(name) }}`; the name is what must resolve.
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmingCharacters()
            }
            tags.append(TemplateTag(kind: kind, name: name, location: here))
        }
        return tags
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
