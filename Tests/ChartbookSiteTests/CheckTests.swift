import ChartbookCore
import ChartbookSite
import Foundation
import Testing

@Suite struct CheckTests {
    @Test func theSampleIsClean() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        #expect(SiteChecker(project: sample.project).run().isEmpty)
    }

    /// Several broken inputs at once: check names each, where the build stops at the first.
    @Test func reportsEveryProblemAtOnce() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Data/mof/jgbcme_all.csv", replacing: "2025/5/20,0.583", with: "2025/5/20,0.5x3")
        try sample.edit("Data/mof/jgbcme_all.csv", replacing: "2025/5/21,0.558", with: "2025/5/41,0.558")
        try sample.edit("Data/fred/DGS10.csv", replacing: "2025-05-21,4.58", with: "2025-05-21,4.5.8")
        try sample.edit("Templates/partials/carry.md", replacing: "{{series.usdjpy.last}}", with: "{{series.usdjpy.lats}}")
        let diagnostics = SiteChecker(project: sample.project).run()
        let files = Set(diagnostics.map(\.location.file))
        #expect(files.isSuperset(of: ["Data/mof/jgbcme_all.csv", "Data/fred/DGS10.csv", "Templates/partials/carry.md"]), "\(diagnostics)")
        #expect(diagnostics.filter { $0.location.file == "Data/mof/jgbcme_all.csv" }.count == 2)
        #expect(diagnostics.allSatisfy { $0.location.line != nil })
        #expect(diagnostics.contains { $0.message.hasPrefix("unknown fact 'lats'") })
    }

    @Test func staleDataIsAWarningForTheIssueThatUsesIt() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        // Drop the US 10-year yield's last six weeks before the issue.
        let text = try sample.read("Data/fred/DGS10.csv")
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !($0.hasPrefix("2025-04") || $0.hasPrefix("2025-05") || $0.hasPrefix("2025-06") || $0.hasPrefix("2025-07") || $0.hasPrefix("2025-08") || $0.hasPrefix("2025-09") || $0.hasPrefix("2025-1") || $0.hasPrefix("2026")) }
        try sample.write("Data/fred/DGS10.csv", kept.joined(separator: "\n"))
        let diagnostics = SiteChecker(project: sample.project).run()
        let stale = try #require(diagnostics.first { $0.message.contains("series 'ust_10y' is stale for Templates/issues/2025-05-24-jgb-auction.md") })
        #expect(stale.severity == .warning)
        #expect(stale.location.file == "Data/catalog.yaml")
        #expect(stale.message.contains("2025-05-24"))
    }
}

@Suite struct LinkCheckTests {
    @Test func brokenLinksAndMissingImagesAreErrors() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "## 中国：另一个“老二”", with: "## 中国：另一个“老二”\n\n[旧文](../2020-01-01-missing/) [锚点](#nowhere) ![图](missing.png) [外站](https://example.com/x)")
        let diagnostics = SiteChecker(project: sample.project).run()
        let messages = diagnostics.filter { $0.location.file == "Output/issues/2025-05-24-jgb-auction/index.html" }.map(\.message)
        #expect(messages.contains("broken link to '../2020-01-01-missing/'"))
        #expect(messages.contains("link to '#nowhere', but the page has no element with that id"))
        #expect(messages.contains("missing image 'missing.png'"))
        #expect(!messages.contains { $0.contains("example.com") })
    }
}
