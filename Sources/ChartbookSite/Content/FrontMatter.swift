import ChartbookCore

/// The YAML block at the top of an issue: what the issue is, when, and as of which day its data is.
public struct FrontMatter: Sendable {
    public var title: String
    public var date: Day
    /// Data after this day is invisible to the issue. Defaults to `date`.
    public var asOf: Day
    public var language: EditionLanguage
    public var summary: String
    public var tags: [String]
    /// Issues sharing a key are editions of one another in different languages (linked with hreflang).
    public var translationKey: String?

    static let keys = ["title", "date", "as_of", "language", "summary", "tags", "translation_key"]

    /// Splits `text` into front matter and body; the body's first line number is returned so
    /// errors in it can be reported against the file.
    public static func split(_ text: String, file: String) throws(SourceError) -> (FrontMatter, body: String, bodyLine: Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first.map({ $0.trimmingCharacters(in: "\r") == "---" }) == true else {
            throw SourceError(SourceLocation(file: file, line: 1, column: 1), "an issue must start with '---' and YAML front matter")
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: "\r") == "---" }) else {
            throw SourceError(SourceLocation(file: file, line: 1, column: 1), "front matter is not closed: no second '---' line")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let matter = try FrontMatter(yaml: yaml, file: file)
        lines.removeSubrange(0...end)
        return (matter, lines.joined(separator: "\n"), end + 2)
    }

    init(yaml: String, file: String) throws(SourceError) {
        guard let root = try YAMLValue.parse(yaml, file: file, lineOffset: 1) else {
            throw SourceError(SourceLocation(file: file, line: 2), "front matter is empty; it needs at least title and date")
        }
        let m = try root.mapping(allowedKeys: FrontMatter.keys)
        title = try m.required("title").string()
        date = try m.required("date").day()
        asOf = try m["as_of"]?.day() ?? date
        if asOf > date { throw SourceError(try m.required("as_of").location, "as_of (\(asOf)) is after the issue's date (\(date))") }
        let languageTag = try m["language"]?.string() ?? "zh"
        guard let language = EditionLanguage(tag: languageTag) else {
            throw SourceError(try m.required("language").location, "unknown language '\(languageTag)'; use zh or en")
        }
        self.language = language
        summary = try m["summary"]?.string() ?? ""
        tags = try m["tags"]?.stringList() ?? []
        translationKey = try m["translation_key"]?.string()
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.last == set { s.removeLast() }
        return s
    }
}
