import ChartbookCore
import ChartbookData
import Foundation
import Mustache

/// A template's text and where it came from.
struct TemplateSource: Sendable {
    /// Name used in `{{> name}}` / `{{< name}}`: the path under its folder without extension (`japan`, `layouts/base`).
    var name: String
    /// Path shown in messages, e.g. `Templates/partials/japan.md`.
    var display: String
    var text: String
    /// A Markdown partial (as opposed to an HTML layout); only these may hold chart fences.
    var isPartial = false
}

/// The project's layouts and partials, compiled once, checked for unknown partials, partial cycles
/// and unknown series facts before anything renders.
struct TemplateSet: Sendable {
    let library: MustacheLibrary
    let sources: [String: TemplateSource]

    /// Compiles every source; a syntax error names its file, line and column.
    init(sources: [TemplateSource]) throws(SourceError) {
        var library = MustacheLibrary()
        var byName: [String: TemplateSource] = [:]
        for source in sources {
            library.register(try TemplateSet.compile(source), named: source.name)
            byName[source.name] = source
        }
        self.library = library
        self.sources = byName
    }

    static func compile(_ source: TemplateSource) throws(SourceError) -> MustacheTemplate {
        try checkSections(source)
        do {
            return try MustacheTemplate(string: source.text)
        } catch let error as MustacheTemplate.ParserError {
            throw SourceError(SourceLocation(file: source.display, line: error.context.lineNumber, column: error.context.columnNumber),
                              "template syntax error: \(describe(error.error)) near '\(error.context.line.trimmingCharacters())'")
        } catch {
            throw SourceError(SourceLocation(file: source.display), "template error: \(error)")
        }
    }

    /// How deep sections may nest; real templates use a handful of levels.
    static let maxDepth = 64

    /// Matches section tags so an unclosed or mismatched section is reported where it was opened;
    /// the engine only notices at the end of the file.
    static func checkSections(_ source: TemplateSource) throws(SourceError) {
        var open: [TemplateTag] = []
        for tag in try TemplateScanner.cachedTags(in: source.text, file: source.display) {
            switch tag.kind {
            case .section, .inverted, .parent, .block:
                open.append(tag)
                // The template engine recurses once per level; refuse depths that would exhaust the stack.
                if open.count > TemplateSet.maxDepth {
                    throw SourceError(tag.location, "sections are nested more than \(TemplateSet.maxDepth) deep")
                }
            case .close:
                guard let top = open.popLast() else {
                    throw SourceError(tag.location, "{{/\(tag.name)}} closes a section that was never opened")
                }
                guard top.name == tag.name else {
                    throw SourceError(tag.location, "{{/\(tag.name)}} closes '\(top.name)', opened at line \(top.location.line ?? 0); close that one first")
                }
            default:
                break
            }
        }
        if let unclosed = open.last {
            throw SourceError(unclosed.location, "section '\(unclosed.name)' is opened here but never closed ({{/\(unclosed.name)}} is missing)")
        }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "section closed with a different name than it was opened with"
        case .unfinishedName: return "tag name is not finished ('}}' missing)"
        case .expectedSectionEnd: return "section is never closed ({{/name}} missing)"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        default: return "\(error)"
        }
    }

    /// Checks a template (and, through them, the partials it uses) for missing partials, cycles and
    /// `series.…` names that do not exist.
    func check(_ source: TemplateSource, catalog: Catalog) throws(SourceError) {
        var visiting: [String] = []
        try check(source, catalog: catalog, visiting: &visiting)
    }

    private func check(_ source: TemplateSource, catalog: Catalog, visiting: inout [String]) throws(SourceError) {
        visiting.append(source.name)
        defer { visiting.removeLast() }
        for tag in try TemplateScanner.cachedTags(in: source.text, file: source.display) {
            switch tag.kind {
            case .partial, .parent:
                guard let partial = sources[tag.name] else {
                    let known = sources.keys.sorted().joined(separator: ", ")
                    throw SourceError(tag.location, "unknown partial '\(tag.name)'; known templates: \(known)")
                }
                if visiting.contains(tag.name) {
                    throw SourceError(tag.location, "partial '\(tag.name)' includes itself: \((visiting + [tag.name]).joined(separator: " → "))")
                }
                try check(partial, catalog: catalog, visiting: &visiting)
            case .variable, .section, .inverted:
                try checkSeriesName(tag, catalog: catalog)
            default:
                break
            }
        }
    }

    private func checkSeriesName(_ tag: TemplateTag, catalog: Catalog) throws(SourceError) {
        let parts = tag.name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "assert" {
            guard tag.kind == .section || tag.kind == .inverted, parts.count == 3 else {
                throw SourceError(tag.location, "a claim is a section: {{#assert.<series>.<claim>}}…{{/assert.<series>.<claim>}}")
            }
            guard catalog.info(parts[1]) != nil else {
                throw SourceError(tag.location, "unknown series '\(parts[1])' in {{#\(tag.name)}}; the catalog has: \(catalog.ids.joined(separator: ", "))")
            }
            guard ClaimName(parts[2]) != nil else {
                throw SourceError(tag.location, "unknown claim '\(parts[2])'; claims: \(ClaimName.help)")
            }
            return
        }
        guard parts.first == "series" else { return }
        guard parts.count >= 2, let info = catalog.info(parts[1]) else {
            let id = parts.count >= 2 ? parts[1] : ""
            throw SourceError(tag.location, "unknown series '\(id)' in {{\(tag.name)}}; the catalog has: \(catalog.ids.joined(separator: ", "))")
        }
        guard parts.count >= 3 else { return }
        guard let fact = FactName(parts[2]) else {
            throw SourceError(tag.location, "unknown fact '\(parts[2])' for series '\(info.id)'; facts: \(FactName.help)")
        }
        guard parts.count >= 4 else { return }
        guard let fields = fact.fields, fields.contains(parts[3]), parts.count == 4 else {
            throw SourceError(tag.location, "'\(parts[2])' has no field '\(parts[3...].joined(separator: "."))'"
                              + (fact.fields.map { "; fields: \($0.joined(separator: ", "))" } ?? ""))
        }
    }

    /// The template and every partial it includes, directly or through others (each once).
    func closure(of source: TemplateSource) -> [TemplateSource] {
        closure(from: [source])
    }

    /// The partials named, and every partial they include in turn (each once), by name.
    func closure(ofPartials names: [String]) -> [TemplateSource] {
        closure(from: names.compactMap { sources[$0] })
    }

    private func closure(from start: [TemplateSource]) -> [TemplateSource] {
        var seen: [String: TemplateSource] = [:]
        for source in start { seen[source.name] = source }
        var queue = start
        while let next = queue.popLast() {
            // Most long issue bodies include nothing; a byte scan says so without tokenising them.
            guard TemplateSet.mayInclude(next.text) else { continue }
            for tag in (try? TemplateScanner.cachedTags(in: next.text, file: next.display)) ?? [] where tag.kind == .partial || tag.kind == .parent {
                if let partial = sources[tag.name], seen[partial.name] == nil {
                    seen[partial.name] = partial
                    queue.append(partial)
                }
            }
        }
        return seen.keys.sorted().compactMap { seen[$0] }
    }

    /// Every `{{#assert.<series>.<claim>}}` in a template and its partials, with where it is written.
    func claims(_ source: TemplateSource) -> [(series: String, claim: ClaimName, text: String, location: SourceLocation)] {
        var found: [(String, ClaimName, String, SourceLocation)] = []
        for template in closure(of: source) {
            for tag in (try? TemplateScanner.cachedTags(in: template.text, file: template.display)) ?? [] where tag.kind == .section && tag.name.hasPrefix("assert.") {
                let parts = tag.name.split(separator: ".").map(String.init)
                if parts.count == 3, let claim = ClaimName(parts[2]) { found.append((parts[1], claim, parts[2], tag.location)) }
            }
        }
        return found
    }

    /// Whether a text has a `{{>` or `{{<` tag at all (or `{{ `, which might be one). memchr finds
    /// each `{`: called several times per issue on 20 KB bodies, a byte loop showed in profiles.
    static func mayInclude(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            let n = bytes.count
            var i = 0
            while i + 2 < n, let hit = memchr(base + i, 123, n - i - 2) {
                let j = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
                if bytes[j + 1] == 123, bytes[j + 2] == 62 || bytes[j + 2] == 60 || bytes[j + 2] == 32 { return true }
                i = j + 1
            }
            return false
        }
    }

    /// Series ids a template names in `{{series.<id>…}}` tags, through its partials too.
    func seriesReferences(_ source: TemplateSource) -> Set<String> {
        var ids = Set<String>()
        for template in closure(of: source) {
            for tag in (try? TemplateScanner.cachedTags(in: template.text, file: template.display)) ?? [] where tag.name.hasPrefix("series.") || tag.name.hasPrefix("assert.") {
                let parts = tag.name.split(separator: ".")
                if parts.count >= 2 { ids.insert(String(parts[1])) }
            }
        }
        return ids
    }

    func render(_ name: String, context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
