import ChartbookCore
import ChartbookData
import Foundation

/// For `check`: the revisions logged after an issue was published (or last corrected) that would
/// change what it says. The issue keeps the versions it was written with; this tells its author
/// which sentences a correction (`corrected: <day>`) would change, and how.
enum RevisionCheck {
    /// A note per revision-affected issue, naming the revisions and the first sentences that would change.
    static func notes(_ issue: Issue, rendered: RenderedIssue, renderer: IssueRenderer, vintages: VintageLog) throws(SourceError) -> [Diagnostic] {
        guard issue.kind == .issue, !vintages.isEmpty else { return [] }
        let matter = issue.frontMatter
        let seenOn = matter.corrected ?? matter.asOf
        let used = try renderer.seriesUsed(issue)
        let later = used.sorted().flatMap { id in
            vintages.entries(of: id).filter { $0.knownSince > seenOn && $0.date <= matter.asOf }
        }
        guard !later.isEmpty else { return [] }
        let latest = later.map(\.knownSince).max() ?? seenOn
        let now = try renderer.render(issue, knownOn: latest)
        let before = sentences(rendered.body), after = sentences(now.body)
        let changed = zip(before, after).filter { $0 != $1 }
        guard now.body != rendered.body || now.charts.map(\.svg) != rendered.charts.map(\.svg) else { return [] }
        let revisions = later.prefix(3).map { e in
            "\(e.series) \(e.date) " + (e.previous.map { "\($0)" } ?? "(none)") + " → " + (e.value.map { "\($0)" } ?? "(removed)") + " on \(e.knownSince)"
        }.joined(separator: "; ") + (later.count > 3 ? "; …" : "")
        let example = changed.first.map { " It would say \u{201C}\($0.1)\u{201D}, not \u{201C}\($0.0)\u{201D}." } ?? " Its charts would change."
        let message = "data revised after this issue was published: \(revisions).\(example) The issue keeps the versions of \(seenOn); to adopt the revisions, add `corrected: \(latest)` to its front matter (the page then says so)."
        return [Diagnostic(.note, SourceLocation(file: issue.source.display), message)]
    }

    /// The text of an article, sentence by sentence (tags and figures removed).
    static func sentences(_ html: String) -> [String] {
        var text = html.replacingOccurrences(of: "<svg[\\s\\S]*?</svg>", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        var out: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == "。" || ch == "\n" || (ch == " " && current.hasSuffix(". ")) {
                let s = current.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                if s.count > 1 { out.append(s) }
                current = ""
            }
        }
        let rest = current.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if rest.count > 1 { out.append(rest) }
        return out
    }
}
