import Foundation
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
    /// The day this published issue adopted revisions of its data made after it was published
    /// (`corrected: 2025-07-20`): its figures are then the versions known that day, and the page says so.
    /// Without it an issue keeps the versions known on its as-of date, whatever is revised later.
    public var corrected: Day?
    /// A draft is built only with `build --drafts` (and by `serve`), with a banner, and is never
    /// listed, fed, mapped or emailed.
    public var draft = false
    /// When a scheduled issue goes out (`publish_at: 2026-12-11T07:00:00Z`, or a date for its
    /// midnight UTC), as seconds since 1970: until then it is treated as a draft.
    public var publishAt: Int?

    /// Whether the issue is out at `now` (seconds since 1970): not a draft, and its time has come.
    public func isPublished(at now: Int) -> Bool { !draft && (publishAt.map { $0 <= now } ?? true) }

    static let keys = ["title", "date", "as_of", "language", "summary", "tags", "translation_key", "corrected", "draft", "publish_at"]

    /// Splits `text` into front matter and body; the body's first line number is returned so
    /// errors in it can be reported against the file.
    public static func split(_ text: String, file: String) throws(SourceError) -> (FrontMatter, body: String, bodyLine: Int) {
        // Only the lines up to the closing '---' are split; the body (thousands of words) is sliced off whole.
        var lines: [Substring] = []
        var rest = Substring(text)
        var closed = false
        while !rest.isEmpty {
            let end = rest.utf8.firstIndex(of: 10) ?? rest.endIndex
            let line = rest[..<end].trimmingCharacters(in: "\r")
            rest = end < rest.endIndex ? rest[rest.utf8.index(after: end)...] : rest[rest.endIndex...]
            if lines.isEmpty && line != "---" {
                throw SourceError(SourceLocation(file: file, line: 1, column: 1), "an issue must start with '---' and YAML front matter")
            }
            if !lines.isEmpty && line == "---" { closed = true; break }
            lines.append(line)
        }
        guard !lines.isEmpty else {
            throw SourceError(SourceLocation(file: file, line: 1, column: 1), "an issue must start with '---' and YAML front matter")
        }
        guard closed else {
            throw SourceError(SourceLocation(file: file, line: 1, column: 1), "front matter is not closed: no second '---' line")
        }
        let matter = try FrontMatter(yaml: lines.dropFirst().joined(separator: "\n"), file: file)
        return (matter, String(rest), lines.count + 2)
    }

    /// The longest tag accepted (it names a folder of the site).
    static let maxTagLength = 60

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
        var tags: [String] = []
        for item in try m["tags"]?.list() ?? [] {
            let tag = try item.string().trimmingCharacters(in: .whitespaces)
            // A tag becomes a folder name and a link text: it must have a letter or digit, and fit both.
            guard tag.count <= FrontMatter.maxTagLength else {
                throw SourceError(item.location, "tag is \(tag.count) characters long; the limit is \(FrontMatter.maxTagLength)")
            }
            guard tag.unicodeScalars.contains(where: { CharacterSet.alphanumerics.contains($0) }) else {
                throw SourceError(item.location, "tag '\(tag)' needs at least one letter or digit")
            }
            tags.append(tag)
        }
        self.tags = tags
        translationKey = try m["translation_key"]?.string()
        corrected = try m["corrected"]?.day()
        draft = try m["draft"]?.bool() ?? false
        if let at = m["publish_at"] {
            let text = try at.string()
            guard let seconds = FrontMatter.seconds(text) else {
                throw SourceError(at.location, "publish_at must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ), found '\(text)'")
            }
            publishAt = seconds
        }
        if let corrected, corrected < date {
            throw SourceError(try m.required("corrected").location, "corrected (\(corrected)) is before the issue's date (\(date)); a correction adopts revisions made after publication")
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.last == set { s.removeLast() }
        return s
    }
}

extension FrontMatter {
    /// The front matter as the page cache stores it (see `IssueFacts`).
    var stored: [String] {
        [title, date.description, asOf.description + (corrected.map { "/\($0)" } ?? ""), language.rawValue, summary, translationKey.map { "=" + $0 } ?? "-",
         tags.joined(separator: "\u{1}"), (draft ? "draft" : "") + (publishAt.map { "@\($0)" } ?? "")]
    }

    /// Front matter read back from the page cache; nil for anything malformed.
    init?(stored f: [String]) {
        let days = f.count == 8 ? f[2].split(separator: "/").map { Day(iso: $0) } : []
        guard f.count == 8, let date = Day(iso: f[1]), let asOf = days.first ?? nil, let language = EditionLanguage(rawValue: f[3]) else { return nil }
        title = f[0]
        self.date = date
        self.asOf = asOf
        corrected = days.count == 2 ? days[1] : nil
        self.language = language
        summary = f[4]
        translationKey = f[5].hasPrefix("=") ? String(f[5].dropFirst()) : nil
        tags = f[6].isEmpty ? [] : f[6].components(separatedBy: "\u{1}")
        draft = f[7].hasPrefix("draft")
        publishAt = f[7].split(separator: "@").dropFirst().first.flatMap { Int($0) }
    }
}

extension FrontMatter {
    /// Seconds since 1970 of `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS]Z`.
    public static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard let day = parts.first.flatMap({ Day(iso: $0) }) else { return nil }
        var seconds = day.secondsSince1970
        if parts.count == 2 {
            var time = parts[1]
            guard time.hasSuffix("Z") else { return nil }
            time = time.dropLast()
            let hms = time.split(separator: ":").map { Int($0) }
            guard (2...3).contains(hms.count), hms.allSatisfy({ $0 != nil }), let h = hms[0], let m = hms[1], h < 24, m < 60 else { return nil }
            let s = hms.count == 3 ? (hms[2] ?? 0) : 0
            guard s < 60 else { return nil }
            seconds += h * 3600 + m * 60 + s
        }
        return seconds
    }

    /// `YYYY-MM-DD HH:MM` of seconds since 1970 (UTC), for banners.
    static func iso(_ seconds: Int) -> String {
        let day = Day(secondsSince1970: seconds)
        let rest = seconds - day.secondsSince1970
        return "\(day) " + String(format: "%02d:%02d", rest / 3600, rest % 3600 / 60)
    }
}
