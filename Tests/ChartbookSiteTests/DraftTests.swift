import ChartbookCore
@testable import ChartbookSite
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Drafts and scheduled issues stay out of everything readers see until they are out (issue 13).
@Suite struct DraftTests {
    static let draft = """
        ---
        title: Draft about the yen
        date: 2025-06-06
        language: en
        draft: true
        tags: [Yen]
        ---

        The dollar was {{series.usdjpy.last}}.
        """

    static let scheduled = """
        ---
        title: Scheduled note on yields
        date: 2025-06-13
        language: en
        publish_at: 2030-01-02T07:00:00Z
        ---

        The ten-year yield was {{series.ust_10y.last}}.
        """

    /// Every output file that mentions `text`.
    static func mentioning(_ text: String, in sample: SampleProject) throws -> [String] {
        try sample.snapshot().filter { String(decoding: $0.value, as: UTF8.self).contains(text) }.keys.sorted()
    }

    @Test func draftsAndFutureIssuesAreLeftOutOfAnOrdinaryBuild() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let clean = try sample.cleanBuildSnapshot()
        try sample.write("Templates/issues/2025-06-06-yen-draft.md", Self.draft)
        try sample.write("Templates/issues/2025-06-13-yields.md", Self.scheduled)
        var builder = SiteBuilder(project: sample.project, rasterize: false)
        builder.now = FrontMatter.seconds("2026-12-04T12:00:00Z")!
        try builder.build()
        #expect(try sample.snapshot() == clean, "a draft or a scheduled issue changed the published site")
    }

    @Test func withDraftsTheyAreBuiltWithABannerButNeverListed() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.write("Templates/issues/2025-06-06-yen-draft.md", Self.draft)
        try sample.write("Templates/issues/2025-06-13-yields.md", Self.scheduled)
        var builder = SiteBuilder(project: sample.project, rasterize: false)
        builder.includeDrafts = true
        builder.now = FrontMatter.seconds("2026-12-04T12:00:00Z")!
        try builder.build()
        let page = try sample.read("Output/issues/2025-06-06-yen-draft/index.html")
        #expect(page.contains("class=\"draft-banner\""))
        #expect(try sample.read("Output/issues/2025-06-13-yields/index.html").contains("Scheduled for 2030-01-02 07:00 UTC"))
        #expect(try Self.mentioning("Draft about the yen", in: sample) == ["issues/2025-06-06-yen-draft/index.html"])
        #expect(try Self.mentioning("2025-06-13-yields", in: sample).allSatisfy { $0.hasPrefix("issues/2025-06-13-yields/") })
        #expect(!FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("tags/yen").path))
    }

    @Test func aScheduledIssueGoesOutWhenItsTimeComes() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.write("Templates/issues/2025-06-13-yields.md", Self.scheduled)
        var builder = SiteBuilder(project: sample.project, rasterize: false)
        builder.now = FrontMatter.seconds("2030-01-02T06:59:59Z")!
        try builder.build()
        #expect(try Self.mentioning("Scheduled note on yields", in: sample).isEmpty)
        builder.now = FrontMatter.seconds("2030-01-02T07:00:00Z")!
        let summary = try builder.build()
        #expect(summary.issues == 5)
        let seen = try Self.mentioning("Scheduled note on yields", in: sample)
        // An English issue goes out on the English home page and feeds.
        for file in ["en/index.html", "en/atom.xml", "en/rss.xml", "en/feed.json", "issues/2025-06-13-yields/index.html"] { #expect(seen.contains(file), "\(file)") }
        #expect(try sample.read("Output/sitemap.xml").contains("issues/2025-06-13-yields/"))
        #expect(!(try sample.read("Output/issues/2025-06-13-yields/index.html")).contains("draft-banner"))
    }

    @Test func aBadPublishTimeIsAnErrorAtItsLine() throws {
        let error = try HostileInputTests().buildError { sample in
            try sample.write("Templates/issues/2025-06-13-yields.md", Self.scheduled.replacingOccurrences(of: "2030-01-02T07:00:00Z", with: "next friday"))
        }
        #expect(error.location.file == "Templates/issues/2025-06-13-yields.md" && error.location.line == 5, "\(error)")
    }
}

/// One tag per subject, whatever its case or width (issue 13).
@Suite struct TagTests {
    @Test func spellingsOfOneTagShareOnePageAndCheckWarns() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.write("Templates/issues/2025-06-06-china-note.md", """
            ---
            title: A note on China
            date: 2025-06-06
            language: en
            tags: [china, ＣＨＩＮＡ, C++, C--]
            ---

            The yuan was {{series.usdcny.last}}.
            """)
        try sample.edit("Templates/issues/2025-05-24-jgb-auction-en.md", replacing: "tags: [", with: "tags: [China, ")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let files = try FileManager.default.contentsOfDirectory(atPath: sample.output.appendingPathComponent("tags").path)
        let chinaPages = files.filter { $0.lowercased().hasPrefix("china") }
        #expect(chinaPages.count == 1, "\(files.sorted())")
        let page = try sample.read("Output/tags/\(chinaPages[0])/index.html")
        #expect(page.contains("A note on China") && page.contains("Japan"), "both issues on the one page")
        // Tags whose slugs would clash get pages of their own.
        let cs = files.filter { $0 == "c" || $0.hasPrefix("c-") }
        #expect(cs.count == 2, "\(files.sorted())")
        let warnings = SiteChecker(project: sample.project).run().filter { $0.severity == .warning && $0.message.contains("is also written") }
        #expect(!warnings.isEmpty)
        // Each tag has its own feed, linked from its page.
        let feed = try sample.read("Output/tags/\(chinaPages[0])/atom.xml")
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(feed.contains("<link href=\"https://example.org/chartbook/tags/\(chinaPages[0])/atom.xml\" rel=\"self\"/>"))
        #expect(XMLParser(data: Data(feed.utf8)).parse())
        #expect(page.contains("type=\"application/atom+xml\" title=\"") && page.contains("href=\"atom.xml\""))
    }
}

/// A home page and feeds per language, and a language switch on every page (issue 13).
@Suite struct LanguageHomeTests {
    @Test func anEnglishIssueIsListedOnTheEnglishHomePage() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let english = try sample.read("Output/en/index.html")
        #expect(english.contains("<html lang=\"en\">"))
        #expect(english.contains("issues/2025-05-24-jgb-auction-en/"), "the English edition is on the English home page")
        #expect(!english.contains("issues/2025-07-11-super-long-summer/\""), "a Chinese-only issue is not")
        #expect(english.contains("href=\"../index.html\" hreflang=\"zh-CN\""), "a switch to the Chinese home page")
        #expect(english.contains("href=\"../en/atom.xml\"") || english.contains("href=\"../en/atom.xml\">"), "its own feeds")
        let chinese = try sample.read("Output/index.html")
        #expect(chinese.contains("href=\"en/index.html\" hreflang=\"en\""))
        let page = try sample.read("Output/issues/2025-05-24-jgb-auction-en/index.html")
        #expect(page.contains("href=\"../../en/atom.xml\""), "an English page points at the English feeds")
        #expect(try sample.read("Output/sitemap.xml").contains("https://example.org/chartbook/en/"))
    }
}

/// Past `page_size` issues, a home page continues on further pages (issue 13).
@Suite struct PaginationTests {
    @Test func theHomePageContinuesOnNumberedPages() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/site.yaml", replacing: "raw_html: false", with: "raw_html: false\npage_size: 2")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let first = try sample.read("Output/index.html"), second = try sample.read("Output/page/2/index.html")
        let count = { (html: String) in html.components(separatedBy: "<li>").count - 1 }
        #expect(count(first) == 2 && count(second) == 1)
        #expect(first.contains("href=\"page/2/index.html\" rel=\"next\""))
        #expect(second.contains("href=\"../../index.html\" rel=\"prev\""))
        #expect(second.contains("href=\"../../style.css\""))
        #expect(!FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("page/3").path))
        #expect(SiteChecker(project: sample.project).run().filter { $0.severity == .error }.isEmpty)
    }
}

/// Site search without a server: an index of the published issues and a page per language (issue 13).
@Suite struct SearchTests {
    @Test func theSearchIndexListsEveryPublishedIssue() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.write("Templates/issues/2025-06-06-yen-draft.md", DraftTests.draft)
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let index = try #require(try JSONSerialization.jsonObject(with: Data(sample.read("Output/search.json").utf8)) as? [[String: Any]])
        #expect(index.count == 4, "the four published issues, not the draft")
        #expect(index.allSatisfy { ($0["url"] as? String)?.hasPrefix("issues/") == true && $0["title"] is String })
        for page in ["Output/search/index.html", "Output/en/search/index.html"] {
            let html = try sample.read(page)
            #expect(html.contains("<form role=\"search\"") && html.contains("search.js"), "\(page)")
        }
        #expect(FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("search.js").path))
        #expect(try sample.read("Output/search-index.js").hasPrefix("window.CHARTBOOK_SEARCH = ["), "the index as a script, for file://")
        #expect(try sample.read("Output/index.html").contains("href=\"search/index.html\""))
    }
}
