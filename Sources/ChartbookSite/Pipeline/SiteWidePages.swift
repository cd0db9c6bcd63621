import ChartbookCore
import Foundation

/// Incremental builds of the site-wide pages (404, index, tag pages, sitemap, feeds): they are made
/// from every issue's summary, so each group gets a key over exactly what it shows, and is carried
/// over from the previous output when that key has not changed (a data update that leaves every
/// title, date and lead chart as it was does not render a 1,000-entry index again).
extension SiteBuilder {
    /// What the index, tag pages, sitemap and 404 show: the shared inputs (layouts, config,
    /// catalog, engine) and each issue's and page's front matter, path and lead chart.
    static func listingKey(shared: String, summaries: [IssueSummary]) -> String {
        var digest = ContentDigest()
        digest.add(["listing", shared])
        for s in summaries { digest.add(summaryParts(s)) }
        return digest.hex
    }

    /// What the feeds show: the shared inputs and, for each issue they carry, its front matter and
    /// article as feeds carry it.
    static func feedsKey(shared: String, summaries: [IssueSummary]) -> String {
        var digest = ContentDigest()
        digest.add(["feeds", shared])
        for s in summaries where s.feedHTML != nil {
            digest.add(summaryParts(s))
            digest.add(s.feedHTML ?? "")
        }
        return digest.hex
    }

    static func summaryParts(_ s: IssueSummary) -> [String] {
        let lead = s.lead.map { "\($0.svgName)\u{1}\($0.title)\u{1}\($0.width)\u{1}\($0.height)" } ?? "-"
        return [s.issue.source.stem, s.issue.kind == .issue ? "issue" : "page", s.issue.outputPath, PageRecords.describe(s.issue.frontMatter), lead]
    }

    /// A group of site-wide files: its name in the page cache, its key, and how to make it.
    struct SiteGroup: Sendable {
        var name: String
        var key: String
        var make: @Sendable (BuildContext) throws(SourceError) -> [OutputFile]
    }

    /// The 404 page, index, tag pages, feeds and sitemap, each group on its own core when there is
    /// one free; records are taken in a fixed order, so the result does not depend on scheduling.
    static func writeSitePages(_ context: inout BuildContext) throws(SourceError) {
        let shared = context.incremental?.sharedKey ?? "", listing = context.incremental?.listingKey ?? "", feeds = context.incremental?.feedsKey ?? ""
        let groups = [
            SiteGroup(name: "404", key: shared, make: writeNotFound),
            SiteGroup(name: "index", key: listing, make: renderIndex),
            SiteGroup(name: "tags", key: listing, make: writeTagPages),
            SiteGroup(name: "atom", key: feeds, make: { context throws(SourceError) in try writeFeed(.atom, context) }),
            SiteGroup(name: "rss", key: feeds, make: { context throws(SourceError) in try writeFeed(.rss, context) }),
            SiteGroup(name: "jsonfeed", key: feeds, make: { context throws(SourceError) in try writeFeed(.json, context) }),
            SiteGroup(name: "sitemap", key: listing, make: writeSitemap),
        ]
        let snapshot = context
        let results = ConcurrentResults<[String]>(count: groups.count)
        DispatchQueue.concurrentPerform(iterations: groups.count) { i in
            do throws(SourceError) { results.set(i, .success(try write(groups[i], snapshot))) } catch { results.set(i, .failure(error)) }
        }
        for (i, group) in groups.enumerated() {
            guard let result = results.get(i) else { continue }
            context.incremental?.recordGroup(group.name, key: group.key, files: try result.get())
        }
    }

    /// Makes and writes one group, unless the previous build made it from the same key, in which
    /// case its files are carried over. Returns the group's files, for its record.
    static func write(_ group: SiteGroup, _ context: BuildContext) throws(SourceError) -> [String] {
        if let files = context.incremental?.carryGroup(group.name, key: group.key, into: context.sink) { return files }
        let files = try group.make(context)
        for file in files { try context.sink.write(file) }
        return files.map(\.path).sorted()
    }
}
