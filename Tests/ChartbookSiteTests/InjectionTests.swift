import ChartbookCore
import ChartbookSite
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The cases of issue 16's "Injects or corrupts" and "Silently wrong", each through a whole build.
@Suite struct InjectionTests {
    let hostile = HostileInputTests()
    let issue = "Templates/issues/2025-05-24-jgb-auction.md"

    /// The text of every `<tag>` element in an XML file, as a feed reader gets it.
    final class Elements: NSObject, XMLParserDelegate {
        let tag: String
        var texts: [String] = []
        private var current: String?
        init(_ tag: String) { self.tag = tag }
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if e == tag { current = "" }
        }
        func parser(_ p: XMLParser, foundCharacters string: String) { current? += string }
        func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            if e == tag, let current { texts.append(current) }
            current = nil
        }
    }

    @Test func anRSSDescriptionIsHTMLThatShowsTheSummaryAsText() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit(issue, replacing: "summary: ", with: "summary: <img src=x onerror=alert(1)> ")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let reader = Elements("description")
        let parser = XMLParser(data: Data(try sample.read("Output/rss.xml").utf8))
        parser.delegate = reader
        #expect(parser.parse())
        let description = try #require(reader.texts.first { $0.contains("onerror") })
        // The reader reads this as HTML: it must hold the tag as text (entities), never as markup.
        #expect(!description.contains("<img"), "\(description)")
        #expect(description.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func catalogTextInProseIsNeverALinkEvenWithRawHTML() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/site.yaml", replacing: "raw_html: false", with: "raw_html: true")
        try sample.edit("Data/catalog.yaml", replacing: "name: {zh: 美元兑人民币汇率, en: US dollar in yuan}",
                        with: "name: {zh: \"[点击](javascript:alert(1)) *粗* `代码`\", en: \"[click](javascript:alert(1))\"}")
        try sample.edit("Templates/partials/china.md", replacing: "汇率是观察", with: "{{series.usdcny.name}}。汇率是观察")
        try SiteBuilder(project: sample.project).build()
        for (path, data) in try sample.snapshot() where [".html", ".xml", ".json", ".txt"].contains(where: path.hasSuffix) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("href=\"javascript:"), "\(path) has a javascript: link")
            #expect(!text.contains("href=&quot;javascript:") && !text.contains("href=\\\"javascript:"), "\(path) has a javascript: link")
        }
        #expect(try sample.read(sample.issuePath).contains("[点击](javascript:alert(1)) *粗* `代码`。"))
    }

    @Test func aLineBreakInAChartLabelStaysInsideItsCSVField() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "series: [{expr: \"rebase(usdjpy, 2022-01-03)\", label: 日元}, {expr: \"rebase(usdcny, 2022-01-03)\", label: 人民币}]", with: "series: [{id: usdcny, label: \"one\\r\\ntwo, \\\"three\\\"\"}]")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let folder = sample.output.appendingPathComponent("issues/2025-05-24-jgb-auction")
        let csvs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }
        let csv = try #require(try csvs.map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.first { $0.contains("three") })
        // The label's line break (made LF) and quotes stay inside one quoted field of the header record.
        #expect(csv.hasPrefix("date,\"one\ntwo, \"\"three\"\" (usdcny)\"\n"), "\(csv.prefix(60).debugDescription)")
    }

    @Test func theEmailTextKeepsAngleBracketsInChartTitles() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "title: 美元兑日元与美元兑人民币", with: "title: bid-to-cover < 3 and > 2 & more")
        try SiteBuilder(project: sample.project).build()
        let text = try sample.read("Output/issues/2025-05-24-jgb-auction/email.txt")
        #expect(text.contains("bid-to-cover < 3 and > 2 & more"))
    }

    @Test func aHeadingNeverTakesAChartsID() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "## 中国", with: "## Fig chart 1\n\n## Fig chart 1\n\n## 中国")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let page = try sample.read(sample.issuePath)
        let ids = page.components(separatedBy: " id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.sorted())")
        #expect(ids.contains("fig-chart-1"))
    }

    @Test func controlCharactersInTheBodyAreDropped() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "## 中国", with: "## 中国\u{1B}[31m\u{7}\u{85}")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        for (path, data) in try sample.snapshot() where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let bad = String(decoding: data, as: UTF8.self).unicodeScalars.filter { s -> Bool in
                let v = s.value
                return (v < 0x20 && v != 9 && v != 10 && v != 13) || (0x7F...0x9F).contains(v)
            }
            #expect(bad.isEmpty, "\(path) carries control characters")
        }
    }

    // MARK: - Template lookups that find nothing

    @Test(arguments: [
        ("{{x}}", "x"), ("{{title}}", "title"), ("`{{x}}`", "x"), ("\n```\n{{issue.nothing}}\n```\n", "issue.nothing"),
    ])
    func anUnknownNameIsAnErrorAtItsTag(text: String, name: String) throws {
        let error = try hostile.buildError { sample in
            try sample.edit("Templates/partials/china.md", replacing: "汇率是观察", with: "\(text)汇率是观察")
        }
        #expect(error.location.file == "Templates/partials/china.md", "\(error)")
        #expect(error.location.line == (text.hasPrefix("\n") ? 13 : 11), "\(error)")
        #expect(error.message.contains("{{\(name)}}"), "\(error)")
    }

    @Test func aFactTheDataCannotGiveIsAnError() throws {
        let error = try hostile.buildError { sample in
            // The 2025-05-24 issue sees four years of daily data; an issue of 2000-01-06 sees four days.
            try sample.write("Templates/issues/2000-01-06-early.md", """
                ---
                title: Early
                date: 2000-01-06
                language: en
                ---

                Ten-year yields moved {{series.ust_10y.change_1w}} on the week.
                """)
        }
        #expect(error.location == SourceLocation(file: "Templates/issues/2000-01-06-early.md", line: 7, column: 23), "\(error)")
        #expect(error.message.contains("cannot be computed"), "\(error)")
    }

    @Test func aGuardedFactThatGivesNothingIsNotAnError() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.write("Templates/issues/2000-01-06-early.md", """
            ---
            title: Early
            date: 2000-01-06
            language: en
            ---

            Yields{{#series.ust_10y.change_1w}} moved {{series.ust_10y.change_1w}}{{/series.ust_10y.change_1w}}{{^series.ust_10y.change_1w}} have too short a history{{/series.ust_10y.change_1w}}.
            """)
        try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(try sample.read("Output/issues/2000-01-06-early/index.html").contains("Yields have too short a history."))
    }

    @Test func bracesAreWrittenWithLbAndRb() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "汇率是观察", with: "`{{lb}}series.x.last{{rb}}` and {{lb}}x{{rb}}。汇率是观察")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(try sample.read(sample.issuePath).contains("<code>{{series.x.last}}</code> and {{x}}。"))
    }
}

/// Publishing details of issue 13 that made deployed pages wrong.
@Suite struct PublishedAddressTests {
    @Test func theNotFoundPageUsesTheSitesPathAndTheSitemapIsEncoded() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project).build()
        let notFound = try sample.read("Output/404.html")
        #expect(notFound.contains("href=\"/chartbook/style.css\""), "\(notFound.prefix(600))")
        #expect(!notFound.contains("href=\"/style.css\"") && !notFound.contains("href=\"/index.html\""))
        let sitemap = try sample.read("Output/sitemap.xml")
        #expect(sitemap.contains("/tags/%E4%B8%AD%E5%9B%BD/"), "Chinese tag pages are percent-encoded")
        #expect(!sitemap.unicodeScalars.contains { $0.value > 0x7F })
        // A sparkline dropped from the email leaves no stray space before the punctuation.
        let email = try sample.read("Output/issues/2025-05-24-jgb-auction-en/email.html")
        #expect(!email.contains("% ;") && !email.contains("% .") && !email.contains("  "), "stray space in the email")
    }
}
