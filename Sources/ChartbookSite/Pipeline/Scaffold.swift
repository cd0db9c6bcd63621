import ChartbookCore
import Foundation

/// `chartbook new`: the next issue's file, from an archetype in `Templates/archetypes/`, with its
/// date, as-of date and standing sections filled in. Never overwrites an existing issue.
public struct Scaffold: Sendable {
    public let project: Project

    public init(project: Project) { self.project = project }

    /// Writes `Templates/issues/<date>-<slug>.md` and returns its path.
    /// With `language`, the archetype `<archetype>-<language>.md` is used when there is one (`issue-en.md`);
    /// otherwise `<archetype>.md` with its `language:` set.
    public func newIssue(date: Day, asOf: Day?, slug: String, title: String?, archetype: String = "issue",
                         language: EditionLanguage? = nil) throws(SourceError) -> URL {
        guard !slug.isEmpty, slug.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }), !slug.hasPrefix("-") else {
            throw SourceError(SourceLocation(file: "Templates/issues"), "the slug becomes the URL: use lower-case letters, digits and hyphens (got '\(slug)')")
        }
        guard archetype.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw SourceError(SourceLocation(file: "Templates/archetypes"), "archetype names are plain words, e.g. issue")
        }
        let asOfDay = asOf ?? date
        guard asOfDay <= date else { throw SourceError(SourceLocation(file: "Templates/issues"), "the as-of date \(asOfDay) is after the issue date \(date)") }
        var archetypeURL = project.templates.appendingPathComponent("archetypes/\(archetype).md")
        var setLanguage = language != nil
        if let language {
            let specific = project.templates.appendingPathComponent("archetypes/\(archetype)-\(language.rawValue).md")
            if FileManager.default.fileExists(atPath: specific.path) { archetypeURL = specific; setLanguage = false }
        }
        var text = try project.readText(archetypeURL)
        if setLanguage, let language {
            text = text.replacingOccurrences(of: #"(?m)^language: *\S+$"#, with: "language: \(language.rawValue)", options: .regularExpression)
        }
        let target = project.templates.appendingPathComponent("issues/\(date)-\(slug).md")
        let filled = text.replacingOccurrences(of: "%DATE%", with: date.description)
            .replacingOccurrences(of: "%AS_OF%", with: asOfDay.description)
            .replacingOccurrences(of: "%SLUG%", with: slug)
            .replacingOccurrences(of: "%TITLE%", with: (title ?? slug).replacingOccurrences(of: "\"", with: "\\\""))
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            // `withoutOverwriting` makes the refusal atomic: no check-then-write race.
            try Data(filled.utf8).write(to: target, options: .withoutOverwriting)
        } catch {
            if FileManager.default.fileExists(atPath: target.path) {
                throw SourceError(SourceLocation(file: project.display(target)), "the issue already exists; not overwriting it")
            }
            throw SourceError(SourceLocation(file: project.display(target)), "cannot write the new issue: \(error.localizedDescription)")
        }
        return target
    }
}
