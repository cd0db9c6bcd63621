import Yams

/// A YAML node that remembers its file and position, so configuration, front matter and chart
/// specs can report a wrong key or value at its exact line and column.
public struct YAMLValue: Sendable {
    let node: YAMLNode
    let file: String
    let lineOffset: Int

    /// The longest YAML text read (the catalog is the largest, at a few kilobytes).
    public static let maxTextBytes = 8 << 20

    /// Parses YAML text; `lineOffset` is the number of lines before the text in its file (front matter, fences).
    /// Returns nil for an empty document.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(SourceError) -> YAMLValue? {
        do {
            if let flat = FlatYAML.parse(text) { return YAMLValue(node: flat, file: file, lineOffset: lineOffset) }
            // The encoding named: Yams's default reads the whole process environment on every parse.
            // The basic resolver: tags (int, bool, …) are never used here, and the default one runs
            // a regular expression over every scalar.
            guard text.utf8.count <= YAMLValue.maxTextBytes else {
                throw SourceError(SourceLocation(file: file, line: lineOffset + 1), "YAML text is \(text.utf8.count) bytes; the limit is \(YAMLValue.maxTextBytes)")
            }
            // Yams compares mapping keys while it composes, so an alias bomb used as a key would
            // expand there, before any limit of ours could count it: anchors are refused up front.
            if let line = YAMLValue.anchorLine(text) {
                throw SourceError(SourceLocation(file: file, line: line + lineOffset),
                                  "YAML anchors and aliases (&name, *name) are not supported in Chartbook files; write the value out")
            }
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return nil }
            var budget = YAMLNode.Budget()
            guard let converted = YAMLNode(node, budget: &budget) else {
                throw SourceError(SourceLocation(file: file, line: lineOffset + 1),
                                  "YAML expands to more than \(YAMLNode.maxNodes) values or \(YAMLNode.maxScalarBytes >> 20) MB of text (aliases repeating aliases?); refusing to read it")
            }
            return YAMLValue(node: converted, file: file, lineOffset: lineOffset)
        } catch let error as YamlError {
            throw YAMLValue.translate(error, file: file, lineOffset: lineOffset)
        } catch let error as SourceError {
            throw error
        } catch {
            throw SourceError(SourceLocation(file: file, line: lineOffset + 1), "YAML: \(error)")
        }
    }

    /// The 1-based line of the first anchor (`&name` where a node starts), outside quotes and
    /// comments; nil when there is none. A plain scalar cannot start with `&`, so what this finds is
    /// an anchor (or a syntax error); an `&` inside a scalar (`AT&T`) is not at a node's start.
    static func anchorLine(_ text: String) -> Int? {
        guard text.utf8.contains(38) else { return nil } // no "&" at all: the common case
        let b = Array(text.utf8)
        var line = 1, quote: UInt8 = 0, comment = false
        var lastSolid: UInt8 = 10 // the last byte on this line that is not a space (10: none yet)
        let nodeStarts: Set<UInt8> = [10, 58, 45, 91, 123, 44, 63] // line start : - [ { , ?
        for i in b.indices {
            let c = b[i]
            if c == 10 { line += 1; quote = 0; comment = false; lastSolid = 10; continue }
            if comment { continue }
            if quote != 0 { if c == quote { quote = 0 }; lastSolid = c; continue }
            if c == 32 || c == 9 { continue }
            let atNodeStart = nodeStarts.contains(lastSolid) && (i == 0 || b[i - 1] == 32 || b[i - 1] == 9 || b[i - 1] == 10 || [91, 123, 44].contains(b[i - 1]))
            if (c == 34 || c == 39) && atNodeStart { quote = c }
            else if c == 35 && (i == 0 || b[i - 1] == 32 || b[i - 1] == 9) { comment = true; continue }
            else if c == 38 && atNodeStart && i + 1 < b.count && ![32, 9, 10, 13].contains(b[i + 1]) { return line }
            lastSolid = c
        }
        return nil
    }

    static func translate(_ error: YamlError, file: String, lineOffset: Int) -> SourceError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text))" }
            return SourceError(SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column), message)
        case let .reader(problem, _, _, _):
            return SourceError(SourceLocation(file: file, line: lineOffset + 1), "YAML cannot be read: \(problem)")
        default:
            return SourceError(SourceLocation(file: file, line: lineOffset + 1), "YAML error: \(error)")
        }
    }

    /// Where this value starts.
    public var location: SourceLocation {
        guard let mark = node.position else { return SourceLocation(file: file, line: lineOffset + 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    func fail(_ message: String) -> SourceError { SourceError(location, message) }

    /// True for `~`, `null` or an empty scalar.
    public var isNull: Bool {
        guard case let .scalar(text, plain, _) = node else { return false }
        return plain && ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The scalar text, whatever its YAML type. Control characters (other than tab and line
    /// breaks) are dropped: no title or label needs them, and HTML and XML cannot carry them.
    public func string() throws(SourceError) -> String {
        guard case let .scalar(text, _, _) = node else { throw fail("expected a text value, found \(kind)") }
        guard text.unicodeScalars.contains(where: YAMLValue.isControl) else { return text }
        var clean = String.UnicodeScalarView()
        clean.append(contentsOf: text.unicodeScalars.filter { !YAMLValue.isControl($0) })
        return String(clean)
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t" && s != "\n" && s != "\r") || (0x7F...0x9F).contains(s.value)
    }

    public func double() throws(SourceError) -> Double {
        let text = try string()
        guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            throw fail("expected a number, found '\(text)'")
        }
        return value
    }

    public func int() throws(SourceError) -> Int {
        let text = try string()
        guard let value = Int(text) else { throw fail("expected a whole number, found '\(text)'") }
        return value
    }

    public func bool() throws(SourceError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw fail("expected true or false, found '\(other)'")
        }
    }

    /// One of an enumeration's raw values; anything else is an error listing the choices.
    public func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ what: String) throws(SourceError) -> T where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text) else {
            throw fail("unknown \(what) '\(text)'; expected one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A calendar date written `YYYY-MM-DD`.
    public func day() throws(SourceError) -> Day {
        let text = try string()
        guard let day = Day(iso: text) else { throw fail("expected a date as YYYY-MM-DD, found '\(text)'") }
        return day
    }

    /// The items of a sequence; a single scalar is read as a one-item list.
    public func list() throws(SourceError) -> [YAMLValue] {
        switch node {
        case let .sequence(items, _):
            return items.map { YAMLValue(node: $0, file: file, lineOffset: lineOffset) }
        case .scalar:
            return [self]
        default:
            throw fail("expected a list, found \(kind)")
        }
    }

    public func stringList() throws(SourceError) -> [String] {
        var out: [String] = []
        for item in try list() { out.append(try item.string()) }
        return out
    }

    /// The entries of a mapping; with `allowedKeys`, any other key is an error at that key.
    public func mapping(allowedKeys: [String]? = nil) throws(SourceError) -> YAMLMapping {
        guard case let .mapping(mapping, _) = node else { throw fail("expected a mapping of key: value, found \(kind)") }
        var entries: [YAMLMapping.Entry] = []
        var seen = Set<String>()
        for (keyNode, valueNode) in mapping {
            let key = YAMLValue(node: keyNode, file: file, lineOffset: lineOffset)
            let name = try key.string()
            if let allowedKeys, !allowedKeys.contains(name) {
                throw key.fail("unknown key '\(name)'; expected one of: \(allowedKeys.joined(separator: ", "))")
            }
            guard seen.insert(name).inserted else { throw key.fail("duplicate key '\(name)'") }
            entries.append(.init(key: name, keyLocation: key.location,
                                 value: YAMLValue(node: valueNode, file: file, lineOffset: lineOffset)))
        }
        return YAMLMapping(entries: entries, location: location)
    }

    var kind: String {
        switch node {
        case .scalar: return "a text value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// The ordered entries of a YAML mapping, looked up by key, with errors placed on the mapping.
public struct YAMLMapping: Sendable {
    public struct Entry: Sendable {
        public let key: String
        public let keyLocation: SourceLocation
        public let value: YAMLValue
    }

    public let entries: [Entry]
    public let location: SourceLocation

    public subscript(key: String) -> YAMLValue? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value under `key`, or an error naming the missing key.
    public func required(_ key: String) throws(SourceError) -> YAMLValue {
        guard let value = self[key] else { throw SourceError(location, "missing required key '\(key)'") }
        return value
    }

    public var keys: [String] { entries.map(\.key) }
}

