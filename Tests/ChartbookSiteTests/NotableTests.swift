import ChartbookCore
import ChartbookData
import Foundation
import Testing
@testable import ChartbookSite

/// The story finder, on the sample's data at the flagship issue's date: what the issue leads with
/// must be near the top, and it sees nothing published later.
@Suite struct NotableTests {
    static func findings(asOf day: String) throws -> [Notable.Finding] {
        let sample = try SampleProject()
        let store = try sample.project.loadData(sample.project.loadCatalog().catalog)
        return Notable.find(store.asOf(try #require(Day(iso: day))))
    }

    @Test func theFlagshipsNewsLeadsTheList() throws {
        let top = try Self.findings(asOf: "2025-05-24").prefix(10)
        #expect(top.contains { $0.series == "jgb20_auction_btc" && $0.tag.contains("lowest_since_2012") }, "\(top.map(\.text))")
        #expect(top.contains { $0.series == "jgb_40y" && $0.tag.contains("record_high_1m") }, "\(top.map(\.text))")
        // Sorted by score, most unusual first.
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.score >= $1.score })
        // The weekly resample of the 30-year repeats the daily series' record: only its streak is listed.
        let all = try Self.findings(asOf: "2025-05-24")
        #expect(all.filter { $0.series == "jgb_30y_weekly" }.allSatisfy { $0.text.contains("in a row") }, "\(all.filter { $0.series == "jgb_30y_weekly" }.map(\.text))")
    }

    @Test func rankChangesAreFound() throws {
        let all = try Self.findings(asOf: "2025-05-24")
        #expect(all.contains { $0.text.hasPrefix("uk_ust_holdings passed china_ust_holdings") })
    }

    @Test func everyTagItSuggestsChecksOut() throws {
        // An assert tag it suggests names a claim the checker knows, and the claim holds at that date.
        let sample = try SampleProject()
        let store = try sample.project.loadData(sample.project.loadCatalog().catalog)
        let data = store.asOf(try #require(Day(iso: "2025-05-24")))
        for finding in Notable.find(data) where finding.tag.hasPrefix("{{#assert.") {
            let name = String(finding.tag.dropFirst("{{#assert.".count).prefix { $0 != "}" })
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let claim = try #require(ClaimName(parts[1]), "\(name)")
            let holds = claim.evaluate(try #require(data.facts(parts[0])), info: try #require(data.info(parts[0])),
                                       format: LocaleFormatter(language: .en)).0
            #expect(holds, "\(finding.text) suggests \(name), which does not hold")
        }
    }

    @Test func nothingPublishedLaterIsSeen() throws {
        let all = try Self.findings(asOf: "2025-05-24")
        let dates = all.flatMap { $0.text.matches(of: /\d{4}-\d{2}-\d{2}/).map { String($0.output) } }
        #expect(!dates.isEmpty && dates.allSatisfy { $0 <= "2025-05-24" })
    }
}
