import ChartbookCore
import Foundation
import Mustache

/// Names an issue's template asked for that gave nothing: an unknown name (`{{title}}` in a body),
/// or a fact the data cannot give as of the issue's date (`change_1w` on four days of data). The
/// template engine renders them as empty text; the build turns each into an error at its tag.
final class LookupMisses: @unchecked Sendable {
    /// One miss: the dotted path that gave nothing, and why.
    struct Miss: Sendable { var path: String, reason: String }

    private var items: [Miss] = []
    private let lock = NSLock()

    func record(_ path: String, _ reason: String) {
        lock.lock(); defer { lock.unlock() }
        if !items.contains(where: { $0.path == path }) { items.append(Miss(path: path, reason: reason)) }
    }

    var all: [Miss] { lock.lock(); defer { lock.unlock() }; return items }

    /// The first miss that a variable tag prints (`{{path}}` or `{{path.field}}`), as an error at
    /// that tag. Misses seen only by sections are conditions on purpose: `{{^series.x.change_1w}}`.
    func firstError(in templates: [TemplateSource]) -> SourceError? {
        let misses = all
        guard !misses.isEmpty else { return nil }
        for template in templates {
            var sections: [String] = [] // the sections around the tag, innermost last
            for tag in (try? TemplateScanner.cachedTags(in: template.text, file: template.display)) ?? [] {
                switch tag.kind {
                case .section, .inverted: sections.append((tag.kind == .inverted ? "^" : "") + tag.name)
                case .close: if !sections.isEmpty { sections.removeLast() }
                case .variable:
                    guard let miss = misses.first(where: { tag.name == $0.path || tag.name.hasPrefix($0.path + ".") }) else { continue }
                    // Inside `{{#path}}` (or a field of it) the tag renders only when the path gave something.
                    let guarded = sections.contains { $0 == miss.path || $0.hasPrefix(miss.path + ".") }
                    if !guarded { return SourceError(tag.location, "{{\(tag.name)}} \(miss.reason)") }
                default: continue
                }
            }
        }
        return nil
    }
}

/// The root of an issue's template context: the names every issue can use. Anything else is
/// recorded as a miss (the root is the last place the engine looks, so a miss here is a name
/// found nowhere).
struct IssueScope: MustacheParent {
    let values: [String: Any]
    let misses: LookupMisses

    /// Names the root offers, for the error message.
    static let help = "series.<id>.<fact>, assert.<id>.<claim>, issue.title, issue.date, issue.as_of, year, lb ({{), rb (}})"

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        misses.record(name, "is not a name an issue can use (\(IssueScope.help)); to print braces, write {{lb}} and {{rb}}")
        return nil
    }
}

/// A fixed set of names under one path (`issue.title`, `issue.date` …), recording any other as a miss.
struct NamedValues: MustacheParent {
    let path: String
    let values: [String: Any]
    let misses: LookupMisses

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        misses.record(path + "." + name, "is not a name an issue can use; \(path) has \(values.keys.sorted().joined(separator: ", "))")
        return nil
    }
}
