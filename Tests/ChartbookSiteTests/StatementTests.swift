import ChartbookCore
import Foundation
import Testing
@testable import ChartbookSite

/// Statements made outside prose (chart titles, headings, an issue's title and summary) are checked
/// like claims in prose: putting back any of the false statements the sample once made fails
/// `check --strict` at the statement's file and line.
@Suite struct StatementTests {
    /// Each revert restores a statement an editor found false in the flagship issue, with the claim that states it.
    static let reverts: [(file: String, old: String, new: String, line: Int)] = [
        // "The two biggest foreign buyers" named mainland China No. 2; the UK passed it in March 2025.
        ("Templates/partials/us-assets-en.md", "{series: uk_ust_holdings, rank: 2,", "{series: china_ust_holdings, rank: 2,", 14),
        // "The biggest buyer hesitates": Japan's holdings had risen three months running.
        ("Templates/partials/us-assets-en.md", "japan_ust_holdings.up_3_in_a_row", "japan_ust_holdings.down_1_in_a_row", 4),
        // "Super-long yields climb to records": the 20-year's record dates from 2000.
        ("Templates/partials/japan-en.md", "claims: [jgb_30y.record_high_1m,", "claims: [jgb_20y.record_high_1m, jgb_30y.record_high_1m,", 19),
        // The summary: "weakest in more than a decade" holds as lowest since 2012; stretched to since 2006 it does not.
        ("Templates/issues/2025-05-24-jgb-auction-en.md", "- jgb20_auction_btc.lowest_since_2012", "- jgb20_auction_btc.lowest_since_2006", 12),
        // The dollar–yuan figure quoted as current was eight months old.
        ("Templates/issues/2025-05-24-jgb-auction-en.md", "- jgb_40y.record_high_1m", "- jgb_40y.record_high_1m\n- usdcny.fresh_31d", 15),
    ]

    @Test func theSampleStatesOnlyWhatItsDataSupport() throws {
        let sample = try SampleProject()
        #expect(SiteChecker(project: sample.project).run().filter { $0.severity != .note }.isEmpty)
    }

    @Test(arguments: 0..<reverts.count) func aFalseStatementIsReportedAtItsLine(_ index: Int) throws {
        let revert = Self.reverts[index]
        let sample = try SampleProject()
        try sample.edit(revert.file, replacing: revert.old, with: revert.new)
        let found = SiteChecker(project: sample.project).run().filter { $0.severity == .warning && $0.message.contains("is false") }
        #expect(found.contains { $0.location.file == revert.file && $0.location.line == revert.line }, "\(found.map(\.description))")
        // And the strict build refuses to publish it.
        #expect(throws: SourceError.self) { try SiteBuilder(project: sample.project, strict: true).build() }
    }

    @Test func statementsNameKnownSeriesAndRealClaims() throws {
        let sample = try SampleProject()
        try sample.edit("Templates/partials/japan-en.md", replacing: "claims: [jgb_30y.record_high_1m,", with: "claims: [jgb_99y.record_high_1m,")
        let errors = SiteChecker(project: sample.project).run().filter { $0.severity == .error }
        #expect(errors.contains { $0.message.contains("unknown series 'jgb_99y'") && $0.location.file == "Templates/partials/japan-en.md" })
        #expect(throws: SourceError.self) { try ChartSpec(yaml: "title: x\nseries: [a]\nclaims: [a.tallest]\n", file: "t.md", lineOffset: 0) }
    }

    /// The dollar–yuan rate is months old at the date: quoted with its date it is fine, without it a warning at the tag.
    @Test func anOldFigureQuotedAsCurrentIsAWarning() throws {
        let sample = try SampleProject()
        try sample.edit("Templates/partials/china-en.md", replacing: " ends on {{series.usdcny.last.date}}, when a dollar bought", with: " shows a dollar buying")
        let found = SiteChecker(project: sample.project).run().filter { $0.severity == .warning && $0.message.contains("quoted as current") }
        #expect(found.contains { $0.location.file == "Templates/partials/china-en.md" && $0.location.line == 11 && $0.message.contains("'usdcny'") },
                "\(found.map(\.description))")
    }

    @Test func claimNamesForStreaksAndFreshness() {
        #expect(ClaimName("up_3_in_a_row") == .upInARow(3))
        #expect(ClaimName("down_12_in_a_row") == .downInARow(12))
        #expect(ClaimName("fresh_31d") == .freshWithin(days: 31))
        #expect(ClaimName("up_0_in_a_row") == nil && ClaimName("fresh_d") == nil && ClaimName("up_three_in_a_row") == nil)
    }
}
