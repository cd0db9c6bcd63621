import ChartbookCore
import ChartbookMarkdown
import Foundation

/// The site's tags, one per subject whatever its spelling: "China", "china" and "ＣＨＩＮＡ" are one
/// tag (compared without case and width), shown in the spelling most issues use, with one tag page
/// whose slug no other tag shares. Two spellings of one tag are reported by `check`.
struct TagDirectory: Sendable {
    /// Each spelling, as issues write it, to the spelling the site shows.
    private(set) var canonical: [String: String] = [:]
    /// Each shown tag's slug (unique: a second tag with the same slug gets `-2`, and so on).
    private(set) var slugs: [String: String] = [:]
    /// One warning per tag written more than one way, at an issue using the less common spelling.
    private(set) var warnings: [Diagnostic] = []

    /// The comparison key of a spelling.
    static func key(_ tag: String) -> String {
        tag.folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
    }

    init(issues: [Issue]) {
        // Spellings by key, with how many issues use each and the first issue (in file order) that does.
        var spellings: [String: [String: (count: Int, first: Issue)]] = [:]
        for issue in issues.sorted(by: { $0.source.stem < $1.source.stem }) {
            for tag in issue.frontMatter.tags {
                let k = Self.key(tag)
                let seen = spellings[k]?[tag]
                spellings[k, default: [:]][tag] = ((seen?.count ?? 0) + 1, seen?.first ?? issue)
            }
        }
        var used = Set<String>()
        for k in spellings.keys.sorted() {
            guard let forms = spellings[k] else { continue }
            // The most used spelling; between equals, the first in sort order (deterministic).
            let shown = forms.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }.first?.key ?? k
            for form in forms.keys { canonical[form] = shown }
            var slug = Slug.make(shown)
            if slug.isEmpty { slug = "tag" }
            var candidate = slug, n = 1
            while used.contains(candidate) { n += 1; candidate = slug + "-\(n)" }
            used.insert(candidate)
            slugs[shown] = candidate
            for (form, info) in forms.sorted(by: { $0.key < $1.key }) where form != shown {
                warnings.append(Diagnostic(.warning, SourceLocation(file: info.first.source.display),
                                           "tag '\(form)' is also written '\(shown)' elsewhere; they are one tag, shown as '\(shown)' (write it one way)"))
            }
        }
    }

    /// `issue` with its tags in the spellings the site shows (each once).
    func canonicalize(_ issue: Issue) -> Issue {
        var copy = issue
        var seen = Set<String>()
        copy.frontMatter.tags = issue.frontMatter.tags.compactMap { tag in
            let shown = canonical[tag] ?? tag
            return seen.insert(shown).inserted ? shown : nil
        }
        return copy
    }

    /// The slug of a shown tag.
    func slug(_ tag: String) -> String { slugs[tag] ?? Slug.make(tag) }
}
