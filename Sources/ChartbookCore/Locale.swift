/// The languages an edition can be written in; they decide number, date and label formats.
public enum EditionLanguage: String, Sendable, CaseIterable, Hashable {
    case zh
    case en

    /// Parses `zh`, `zh-CN`, `zh-Hans`, `en`, `en-GB` …
    public init?(tag: String) {
        let lower = tag.lowercased()
        if lower.hasPrefix("zh") { self = .zh } else if lower.hasPrefix("en") { self = .en } else { return nil }
    }

    /// The BCP 47 tag written into `lang` and `hreflang` attributes.
    public var htmlTag: String { self == .zh ? "zh-CN" : "en" }
}
