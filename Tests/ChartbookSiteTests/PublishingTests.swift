import ChartbookCore
#if canImport(FoundationXML)
import FoundationXML
#endif
import ChartbookSite
import Foundation
import Testing

/// Weekly publishing: archive, feeds, email, scaffolding.
@Suite struct PublishingTests {
    /// New data after a past issue's as-of date leaves that issue's page, charts and email byte-identical.
    @Test func anArchivedIssueIsFrozenAtItsAsOfDate() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project).build()
        let before = try sample.snapshot().filter { $0.key.hasPrefix("issues/2025-05-24-jgb-auction/") }
        #expect(before.count > 20)
        // A new day of JGB yields, a new US yield and a new auction, all after 24 May 2025.
        let jgb = try sample.read("Data/mof/jgbcme_all.csv")
        try sample.write("Data/mof/jgbcme_all.csv", jgb + "2026/7/1,0.9,1.1,1.2,1.3,1.4,1.5,1.6,1.7,1.8,1.9,2.5,3.1,3.4,3.6,3.9\r\n")
        let dgs = try sample.read("Data/fred/DGS10.csv")
        try sample.write("Data/fred/DGS10.csv", dgs + "2026-07-29,4.61\n")
        let auctions = try sample.read("Data/mof/jgb_auctions.csv")
        try sample.write("Data/mof/jgb_auctions.csv", auctions + "2027-01-05,20-Year,1000.0,3.1,1.01\n")
        try SiteBuilder(project: sample.project).build()
        let after = try sample.snapshot().filter { $0.key.hasPrefix("issues/2025-05-24-jgb-auction/") }
        #expect(after == before)
        // …while the newest issue did see the new data.
        #expect(try sample.read("Output/issues/2026-06-26-a-year-on/index.html").isEmpty == false)
    }

    @Test func feedsAreWellFormedWithAbsoluteURLsAndFullContent() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        for name in ["atom.xml", "rss.xml", "sitemap.xml"] {
            let data = try #require(FileManager.default.contents(atPath: sample.output.appendingPathComponent(name).path))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(name) is not well-formed XML: \(String(describing: parser.parserError))")
        }
        let atom = try sample.read("Output/atom.xml")
        #expect(atom.contains("<id>https://example.org/chartbook/issues/2025-05-24-jgb-auction/</id>"))
        #expect(atom.contains("<updated>2026-06-26T00:00:00Z</updated>"))
        #expect(atom.contains("投标倍数只有2.50倍"))
        let rss = try sample.read("Output/rss.xml")
        #expect(rss.contains("<pubDate>Sat, 24 May 2025 00:00:00 +0000</pubDate>"))
        let json = try JSONSerialization.jsonObject(with: Data(try sample.read("Output/feed.json").utf8)) as? [String: Any]
        #expect(json?["version"] as? String == "https://jsonfeed.org/version/1.1")
        let items = try #require(json?["items"] as? [[String: Any]])
        #expect(items.count == 3, "the site language's feed carries its three Chinese issues")
        let english = try JSONSerialization.jsonObject(with: Data(try sample.read("Output/en/feed.json").utf8)) as? [String: Any]
        #expect((english?["items"] as? [[String: Any]])?.count == 1, "the English edition has its own feed")
        #expect((english?["feed_url"] as? String) == "https://example.org/chartbook/en/feed.json")
        #expect(items.allSatisfy { ($0["id"] as? String)?.hasPrefix("https://") == true && $0["content_html"] is String })
        #expect((items.first?["date_published"] as? String) == "2026-06-26T00:00:00Z")
        // Charts in feeds are images with absolute URLs, never inline SVG.
        #expect(!atom.contains("&lt;svg"))
        #expect(atom.contains("src=&quot;https://example.org/chartbook/issues/2025-05-24-jgb-auction/chart-3.svg&quot;"))
        let robots = try sample.read("Output/robots.txt")
        #expect(robots.contains("Sitemap: https://example.org/chartbook/sitemap.xml"))
        #expect(try sample.read("Output/404.html").contains("<title>找不到这一页"))
        #expect(try sample.read("Output/tags/日本国债/index.html").contains("2025-05-24-jgb-auction"))
    }

    @Test(.enabled(if: Rasterizer.find() != nil)) func emailEditionsAreSmallInlinedAndImageBased() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let summary = try SiteBuilder(project: sample.project).build()
        // The sample's base_url is a placeholder, and the build says so; nothing else is skipped.
        #expect(summary.notes.count == 1 && summary.notes[0].contains("placeholder"), "\(summary.notes)")
        let email = try sample.read("Output/issues/2025-05-24-jgb-auction/email.html")
        #expect(email.utf8.count < 102_000)
        #expect(!email.contains("<svg"))
        #expect(!email.contains("<style"))
        #expect(email.contains("<div style=\"max-width:600px;margin:0 auto;background:#ffffff;\">"))
        #expect(email.contains("<!--[if mso]><table role=\"presentation\" width=\"600\""))
        let pattern = try NSRegularExpression(pattern: #"<img src="(https://[^"]+\.png)" width="432" alt="[^"]+""#)
        #expect(pattern.numberOfMatches(in: email, range: NSRange(email.startIndex..., in: email)) >= 8)
        let png = try #require(FileManager.default.contents(atPath: sample.output.appendingPathComponent("issues/2025-05-24-jgb-auction/chart-3.png").path))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // 2× the chart's 360-unit email layout.
        #expect(png[16..<20].reduce(0) { $0 << 8 | Int($1) } == 720)
        // The picture is the plot; its title, subtitle and source are text around it, read with images off.
        let figure = try #require(email.components(separatedBy: "<figure").first { $0.contains("/chart-3.png\"") })
        let title = "日本30年和40年期国债收益率本月创下纪录"
        let titleAt = try #require(figure.range(of: "color:#1d1d1f;\">\(title)</p>"))
        #expect(titleAt.lowerBound < figure.range(of: "<img")!.lowerBound, "the title is text above the picture")
        #expect(!figure.contains("alt=\"\(title)"), "and is not read twice: the alt text is the chart's description")
        let sourceAt = try #require(figure.range(of: "来源：")), imageAt = try #require(figure.range(of: "<img"))
        #expect(sourceAt.lowerBound > imageAt.lowerBound, "the source is text below it")
        // The social card is the lead chart framed (it is seen away from the page), taller than its plot alone.
        let card = try #require(FileManager.default.contents(atPath: sample.output.appendingPathComponent("issues/2025-05-24-jgb-auction/card.png").path))
        #expect(card[16..<20].reduce(0) { $0 << 8 | Int($1) } == 720)
        // Its lead chart is the "in numbers" table, which goes as text: it has no picture of its own.
        #expect(!FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("issues/2025-05-24-jgb-auction/chart-1.png").path))
        // Where the lead is a picture, that picture is the card's plot: shorter than the card.
        let lead = try #require(FileManager.default.contents(atPath: sample.output.appendingPathComponent("issues/2026-06-26-a-year-on/chart-1.png").path))
        let leadCard = try #require(FileManager.default.contents(atPath: sample.output.appendingPathComponent("issues/2026-06-26-a-year-on/card.png").path))
        let height = { (png: Data) in png[20..<24].reduce(0) { $0 << 8 | Int($1) } }
        #expect(height(leadCard) > height(lead) + 100)
        let text = try sample.read("Output/issues/2025-05-24-jgb-auction/email.txt")
        #expect(text.contains("投标倍数只有2.50倍"))
        #expect(!text.contains("<"))
        let page = try sample.read(sample.issuePath)
        #expect(page.contains("<meta property=\"og:image\" content=\"https://example.org/chartbook/issues/2025-05-24-jgb-auction/card.png\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/chartbook/issues/2025-05-24-jgb-auction/\">"))
    }

    /// The PNG cache is keyed by the chart's content: after a data change the new chart is drawn
    /// again, and a cached build equals a build from scratch.
    @Test(.enabled(if: Rasterizer.find() != nil)) func theImageCacheIsNeverStale() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project).build()
        let png = "issues/2026-06-26-a-year-on/chart-3.png" // the past year of super-long yields
        let before = try sample.snapshot()[png]
        let jgb = try sample.read("Data/mof/jgbcme_all.csv")
        try sample.write("Data/mof/jgbcme_all.csv", jgb.replacingOccurrences(of: "2026/6/26,", with: "2026/6/26,") + "")
        let edited = jgb.replacingOccurrences(of: #"(2026/6/25,[^\r]*,)([0-9.]+)\r"#, with: "$19.999\r", options: .regularExpression)
        #expect(edited != jgb)
        try sample.write("Data/mof/jgbcme_all.csv", edited)
        try SiteBuilder(project: sample.project).build()
        let cached = try sample.snapshot()
        #expect(cached[png] != before)
        var fresh = SiteBuilder(project: sample.project)
        fresh.useCache = false
        try fresh.build()
        #expect(try sample.snapshot() == cached)
    }

    @Test func withoutARasterizerTheSiteStillBuildsAndSaysSo() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let summary = try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("index.html").path))
        #expect(!FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("issues/2025-05-24-jgb-auction/email.html").path))
        _ = summary
    }

    @Test func newScaffoldsFromTheArchetypeAndNeverOverwrites() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let url = try Scaffold(project: sample.project).newIssue(date: Day(iso: "2026-07-03")!, asOf: nil, slug: "next-week", title: "下周")
        #expect(url.lastPathComponent == "2026-07-03-next-week.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("date: 2026-07-03\nas_of: 2026-07-03"))
        #expect(text.contains("{{> week-rates}}"))
        let before = try Data(contentsOf: url)
        #expect(throws: SourceError.self) { _ = try Scaffold(project: sample.project).newIssue(date: Day(iso: "2026-07-03")!, asOf: nil, slug: "next-week", title: "x") }
        #expect(try Data(contentsOf: url) == before)
        #expect(throws: SourceError.self) { _ = try Scaffold(project: sample.project).newIssue(date: Day(iso: "2026-07-03")!, asOf: nil, slug: "../escape", title: nil) }
        // The scaffolded issue builds.
        try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("issues/2026-07-03-next-week/index.html").path))
        // An English edition starts from the English archetype, and builds onto the English home page.
        let english = try Scaffold(project: sample.project).newIssue(date: Day(iso: "2026-07-03")!, asOf: nil, slug: "next-week-en",
                                                                     title: "Next week", language: .en)
        let englishText = try String(contentsOf: english, encoding: .utf8)
        #expect(englishText.contains("language: en") && englishText.contains("{{> dashboard-en}}"))
        try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(try sample.read("Output/en/index.html").contains("issues/2026-07-03-next-week-en/"))
    }
}
