import ChartbookCore
@testable import ChartbookData
import Testing

/// An observation is seen only once its publisher had released it (`released: {lag: …}`), so an
/// issue cannot quote a month's figure before the world knew it (issue 12).
@Suite struct ReleaseLagTests {
    static let catalog = """
        files:
          - path: holdings.txt
            reader: tic-mfh
            source: {publisher: T, title: H, url: "https://example.org", licence: public domain}
            released: {lag: 7w}
        series:
          - {id: japan, file: holdings.txt, column: Japan, units: usd_bn, name: {en: J, zh: J}}
        derived:
          - {id: japan_change, expr: "change(japan, 1m)", units: usd_bn, name: {en: C, zh: C}}
        """

    func store() throws -> DataStore {
        let catalog = try Catalog(yaml: Self.catalog, path: "Data/catalog.yaml")
        let days = [Day(iso: "2025-02-28")!, Day(iso: "2025-03-31")!, Day(iso: "2025-04-30")!]
        return DataStore(catalog: catalog, series: ["japan": Series(id: "japan", days: days, values: [1126.9, 1130.8, 1134.5])])
    }

    @Test func aMonthIsSeenSevenWeeksAfterItEnds() throws {
        let store = try store()
        // 24 May 2025: March (released by 19 May under the rule) is the latest; April (18 June) is not yet out.
        #expect(store.asOf(Day(iso: "2025-05-24")!).facts("japan")?.last?.value == 1130.8)
        #expect(store.asOf(Day(iso: "2025-06-17")!).facts("japan")?.last?.value == 1130.8)
        #expect(store.asOf(Day(iso: "2025-06-18")!).facts("japan")?.last?.value == 1134.5)
        // Derived series see only what their inputs had released.
        #expect(store.asOf(Day(iso: "2025-05-24")!).series("japan_change")?.days.last == Day(iso: "2025-03-31"))
        // Cache keys follow what is seen, not what is stored.
        #expect(store.asOf(Day(iso: "2025-05-24")!).fingerprint("japan") == store.asOf(Day(iso: "2025-06-17")!).fingerprint("japan"))
        #expect(store.asOf(Day(iso: "2025-05-24")!).fingerprint("japan") != store.asOf(Day(iso: "2025-06-18")!).fingerprint("japan"))
    }

    @Test func aBadLagIsAnErrorAtItsLine() {
        let text = Self.catalog.replacingOccurrences(of: "released: {lag: 7w}", with: "released: {lag: soon}")
        #expect(throws: SourceError.self) { try Catalog(yaml: text, path: "Data/catalog.yaml") }
    }

    @Test func weeklyReleasesPublishEverythingBeforeTheReleaseDay() throws {
        let monday = ReleaseRule.weekly(weekday: 0)
        // Saturday 24 May 2025: the last Monday was 19 May, which published data through Sunday 18 May.
        #expect(monday.lastPublished(by: Day(iso: "2025-05-24")!) == Day(iso: "2025-05-18"))
        #expect(monday.lastPublished(by: Day(iso: "2025-05-26")!) == Day(iso: "2025-05-25"))
        #expect(monday.lastPublished(by: Day(iso: "2025-05-25")!) == Day(iso: "2025-05-18"))
        let text = Self.catalog.replacingOccurrences(of: "released: {lag: 7w}", with: "released: {weekly: someday}")
        #expect(throws: SourceError.self) { try Catalog(yaml: text, path: "Data/catalog.yaml") }
    }
}
