/// Text written once per edition language (`{zh: …, en: …}`) or once for all (`"OECD"`).
public struct LocalizedText: Hashable, Sendable {
    public var values: [EditionLanguage: String]

    public init(_ values: [EditionLanguage: String]) { self.values = values }
    public init(all text: String) { self.values = Dictionary(uniqueKeysWithValues: EditionLanguage.allCases.map { ($0, text) }) }

    /// The text for `language`, falling back to English, then to any text there is.
    public func text(_ language: EditionLanguage) -> String {
        values[language] ?? values[.en] ?? values.values.sorted().first ?? ""
    }

    /// Reads a YAML scalar or a `{zh:, en:}` mapping.
    public init(yaml: YAMLValue) throws(SourceError) {
        if let text = try? yaml.string() {
            self.init(all: text)
            return
        }
        let mapping = try yaml.mapping(allowedKeys: EditionLanguage.allCases.map(\.rawValue))
        var values: [EditionLanguage: String] = [:]
        for entry in mapping.entries {
            if let language = EditionLanguage(rawValue: entry.key) { values[language] = try entry.value.string() }
        }
        self.init(values)
    }
}
