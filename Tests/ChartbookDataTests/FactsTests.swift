import ChartbookCore
import ChartbookData
import Foundation
import Testing

func day(_ text: String) -> Day { Day(iso: text)! }

@Suite struct FactsTests {
    let series = Series(id: "s", days: ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"].map(day),
                        values: [3.0, 2.0, .nan, 2.5, 1.9, 4.0])

    @Test func factsNeverSeeDataAfterTheAsOfDate() {
        let facts = Facts(series: series, asOf: day("2025-05-24"))
        #expect(facts.last == Observation(day: day("2025-05-01"), value: 1.9))
        #expect(facts.extreme(.highest)?.value == 3.0)
    }

    @Test func lowestSinceIsTheLastEarlierValueAtLeastAsLow() {
        let facts = Facts(series: series, asOf: day("2025-05-24"))
        #expect(facts.since(.lowest) == nil) // 1.9 is a record low
        #expect(facts.isRecord(.lowest))
        let april = Facts(series: series, asOf: day("2025-04-15"))
        #expect(april.since(.lowest) == Observation(day: day("2025-02-01"), value: 2.0))
        #expect(april.since(.highest) == Observation(day: day("2025-01-01"), value: 3.0))
    }

    @Test func changeOverAWindowStartsAtTheLastValueBeforeIt() throws {
        let facts = Facts(series: series, asOf: day("2025-05-24"))
        let change = try #require(facts.change(over: Window("2m")!))
        #expect(change.from.day == day("2025-02-01")) // 2025-03-01 is missing
        #expect(abs(change.delta - (-0.1)) < 1e-12)
    }

    @Test func windowsParse() {
        #expect(Window("5d") == .days(5))
        #expect(Window("ytd") == .yearToDate)
        #expect(Window("3q") == nil)
        #expect(Window("0y") == nil)
    }
}

/// Checks against the real published files; skipped when `../shared` is not beside the repository.
@Suite struct RealDataTests {
    static let raw = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data/raw").standardizedFileURL
    static var available: Bool { FileManager.default.fileExists(atPath: raw.appendingPathComponent("jgb_auctions.csv").path) }

    func text(_ name: String) throws -> String { try String(contentsOf: Self.raw.appendingPathComponent(name), encoding: .utf8) }
    func selection(_ id: String, _ column: String?, filter: [String: String] = [:]) -> SeriesSelection {
        SeriesSelection(id: id, column: column, filter: filter, declaredAt: SourceLocation(file: "test"))
    }

    @Test(.enabled(if: RealDataTests.available)) func weakAuctionWasTheLowestBidToCoverSinceAugust2012() throws {
        let all = try EventTableReader().read(text: text("jgb_auctions.csv"), file: "jgb_auctions.csv",
                                              selections: [selection("btc", "bid_to_cover", filter: ["tenor": "20-Year"])])
        let facts = Facts(series: try #require(all["btc"]), asOf: day("2025-05-24"))
        #expect(facts.last?.day == day("2025-05-20"))
        #expect(DecimalFormat.fixed(facts.last!.value, decimals: 2) == "2.50")
        #expect(facts.since(.lowest)?.day == day("2012-08-23"))
    }

    @Test(.enabled(if: RealDataTests.available)) func mofFileRowCountsAndEnds() throws {
        let s = try MoFYieldReader().read(text: text("jgbcme_all.csv"), file: "jgbcme_all.csv", selections: [selection("y40", "40Y"), selection("y1", "1Y")])
        let y1 = try #require(s["y1"])
        #expect(y1.count == 13_248)
        #expect(y1.days.first == day("1974-09-24"))
        #expect(y1.days.last == day("2026-06-30"))
        let y40 = try #require(s["y40"])
        #expect(y40.observations.first?.day == day("2007-11-06"))
        #expect(Facts(series: y40, asOf: day("2025-05-24")).last == Observation(day: day("2025-05-23"), value: 3.249))
    }

    @Test(.enabled(if: RealDataTests.available)) func fredFilesLoad() throws {
        let dgs10 = try #require(try FREDReader().read(text: text("DGS10.csv"), file: "DGS10.csv", selections: [selection("x", nil)])["x"])
        #expect(dgs10.count == 16_846)
        #expect(dgs10.count - dgs10.observations.count == 719)
        #expect(Facts(series: dgs10, asOf: day("2025-05-21")).last?.value == 4.58)
        let cny = try #require(try FREDReader().read(text: text("DEXCHUS.csv"), file: "DEXCHUS.csv", selections: [selection("x", nil)])["x"])
        #expect(cny.count == 1_306)
        #expect(cny.count - cny.observations.count == 56)
    }
}
