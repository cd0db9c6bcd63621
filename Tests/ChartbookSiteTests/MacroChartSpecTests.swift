import ChartbookCharts
import ChartbookCore
import Foundation
import Testing
@testable import ChartbookSite

/// Ranked bars, yield curves and "in numbers" tables from the sample's data: the values they show
/// are the data's as of the page's date, and a spec mistake points at its line.
@Suite struct MacroChartSpecTests {
    static func descriptions(_ html: String) -> [String] {
        html.components(separatedBy: "<desc id=\"").dropFirst().compactMap { $0.components(separatedBy: "</desc>").first?.components(separatedBy: "\">").dropFirst().joined(separator: "\">") }
    }

    @Test func galleryChartsShowTheDataAsOfTheirDate() throws {
        let sample = try SampleProject()
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let descriptions = Self.descriptions(try sample.read("Output/gallery/index.html"))
        // TIC at the end of March 2025: Japan first, the UK second, mainland China third.
        let ranked = try #require(descriptions.first { $0.hasPrefix("Ranked bar chart") })
        #expect(ranked.contains("Japan: $1,130.8bn (−3.1%); United Kingdom: $779.3bn (+5.8%); Mainland China: $765.4bn (−0.3%)."), "\(ranked)")
        // The curve compares 23 May 2025 with a month and a year earlier, on days with every maturity.
        let curve = try #require(descriptions.first { $0.hasPrefix("Curve by maturity") })
        #expect(curve.contains("23 May 2025: 1y ") && curve.contains("40y 3.249.") && curve.contains("23 May 2024:"), "\(curve)")
        // A monthly series has no one-week change: the table says so rather than quote a month's.
        let table = try #require(descriptions.first { $0.hasPrefix("Table of") })
        #expect(table.contains("Japan&#39;s Treasuries: $1,130.8bn; 1 year −3.1%, 1 month +0.4%, 1 week –."), "\(table)")
        #expect(table.contains("JGB 10-year: 1.559%; 1 year +55bp"), "\(table)")
    }

    @Test func specMistakesPointAtTheirLine() throws {
        let cases: [(String, Int, String)] = [
            ("title: x\nseries: [jgb_10y]\ncompare: [1m]\n", 3, "'compare' applies to curve charts"),
            ("type: numbers\ntitle: x\nseries: [jgb_10y]\nchanges: [1w, soon]\n", 4, "expected a period"),
            ("type: line\ntitle: x\nseries: [jgb_10y]\nchange: 1y\n", 4, "'change' applies to bar"),
        ]
        for (yaml, line, message) in cases {
            do {
                _ = try ChartSpec(yaml: yaml, file: "t.md", lineOffset: 10)
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.location.line == 10 + line && error.message.contains(message), "\(error)")
            }
        }
        let sample = try SampleProject()
        let spec = try ChartSpec(yaml: "type: curve\ntitle: x\nseries: [jgb_10y, usdjpy]\n", file: "t.md", lineOffset: 0)
        let catalog = try sample.project.loadCatalog().catalog
        #expect(throws: SourceError.self) { try spec.check(against: catalog) }
    }

    @Test func aChineseSubtitleInTenBillionsIsRefused() throws {
        let sample = try SampleProject()
        try sample.edit("Templates/partials/us-assets.md", replacing: "最近一个月末持有的美国国债，亿美元", with: "最近一个月末持有的美国国债，十亿美元")
        do {
            try SiteBuilder(project: sample.project, rasterize: false).build()
            Issue.record("a zh chart in 十亿 beside prose in 亿 must not build")
        } catch {
            #expect(error.location.file == "Templates/partials/us-assets.md" && error.message.contains("十亿"), "\(error)")
        }
    }

    @Test func chineseAmountsCountIn100MillionsOnChartsAndInProse() throws {
        let sample = try SampleProject()
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let html = try sample.read(sample.issuePath)
        // The prose and the ranked bar say the same amount in the same unit.
        #expect(html.contains("3月末日本持有美债11,308亿美元"))
        #expect(html.contains(">11,308亿美元  −3.1%</text>"))
        // The English edition keeps billions, and Friday's close is called that.
        let en = try sample.read("Output/issues/2025-05-24-jgb-auction-en/index.html")
        #expect(en.contains(">$1,130.8bn  −3.1%</text>"))
        #expect(en.contains("At Friday&#39;s close") || en.contains("At Friday's close"))
    }
}
