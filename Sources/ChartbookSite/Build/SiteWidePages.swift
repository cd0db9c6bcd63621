import ChartbookCore
import Foundation

/// Incremental builds of the site-wide pages (404, index, tag pages, sitemap, feeds): they are made
/// from every issue's summary, so each group gets a key over exactly what it shows, and is carried
/// over from the previous output when that key has not changed (a data update that leaves every
/// title, date and lead chart as it was does not render a 1,000-entry index again).
extension SiteBuilder {
    /// What the index, tag pages, sitemap and 404 show: the shared inputs (layouts, config,
    /// catalog, engine) and each issue's and page's front matter, path and lead chart.
    static func listingKey(_ context: BuildContext) -> String {
        var digest = ContentDigest()
        digest.add(["listing", context.sharedKey])
        for s in context.summaries { digest.add(summaryParts(s)) }
        return digest.hex
    }

    /// What the feeds show: the shared inputs and, for each issue they carry, its front matter and
    /// article as feeds carry it.
    static func feedsKey(_ context: BuildContext) -> String {
        var digest = ContentDigest()
        digest.add(["feeds", context.sharedKey])
        for s in context.summaries where s.feedHTML != nil {
            digest.add(summaryParts(s))
            digest.add(s.feedHTML ?? "")
        }
        return digest.hex
    }

    static func summaryParts(_ s: IssueSummary) -> [String] {
        let lead = s.lead.map { "\($0.svgName)\u{1}\($0.title)\u{1}\($0.width)\u{1}\($0.height)" } ?? "-"
        return [s.issue.source.stem, s.issue.kind == .issue ? "issue" : "page", s.issue.outputPath, PageCache.describe(s.issue.frontMatter), lead]
    }

    /// Runs `write` unless the previous build made this group's files from the same key, in which
    /// case they are carried over; either way the group is recorded for the next build.
    static func siteGroup(_ name: String, key: String, _ context: inout BuildContext,
                          write: (inout BuildContext) throws(SourceError) -> Void) throws(SourceError) {
        let record = "@" + name // issue stems are lower-case letters, digits and hyphens: no clash
        if let cache = context.pageCache, let files = cache.reuseFiles(record, key: key, into: context.sink) {
            context.pageRecords[record] = PageCache.Manifest(key: key, files: files, lead: nil, charts: 0, warnings: [], feedHTML: nil)
            return
        }
        let before = context.sink.writtenCount
        try write(&context)
        if context.pageCache != nil {
            context.pageRecords[record] = PageCache.Manifest(key: key, files: context.sink.written(since: before).sorted(),
                                                             lead: nil, charts: 0, warnings: [], feedHTML: nil)
        }
    }
}
