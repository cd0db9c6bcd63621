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
        var tags: [TemplateTag] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0, line = 1, column = 1
        func advance(_ n: Int) {
            for _ in 0..<n where i < scalars.count {
                if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }
        while i < scalars.count {
            guard scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" else { advance(1); continue }
            let location = SourceLocation(file: file, line: line, column: column)
            advance(2)
            var triple = false
            if i < scalars.count, scalars[i] == "{" { triple = true; advance(1) }
            var kind = TemplateTag.Kind.variable
            if i < scalars.count {
                switch scalars[i] {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "!": kind = .comment
                case "&": kind = .variable
                case "=": throw SourceError(location, "custom Mustache delimiters ({{=…=}}) are not supported")
                case "%": kind = .other
                default: break
                }
                if kind != .variable || scalars[i] == "&" { advance(1) }
            }
            let start = i
            while i + 1 < scalars.count, !(scalars[i] == "}" && scalars[i + 1] == "}") { advance(1) }
            guard i + 1 < scalars.count else { throw SourceError(location, "unclosed Mustache tag: '}}' is missing") }
            var name = String(String.UnicodeScalarView(scalars[start..<i]))
            advance(2)
            if triple, i < scalars.count, scalars[i] == "}" { advance(1) }
            if kind != .comment { name = name.trimmingCharacters() }
            // Transforms are written `{{ transform(name) }}`; the name is what must resolve.
            if let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmingCharacters()
            }
            tags.append(TemplateTag(kind: kind, name: name, location: location))
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
