import ChartbookCore
import ChartbookData
import Foundation
import Testing

/// Every real file in `../shared/data/raw` loads through a catalog, with its row count and first and
/// last values checked against the file (SOURCES.md). Skipped when `../shared` is not beside the repo.
@Suite(.enabled(if: RealDataTests.available)) struct RawCatalogTests {
    static let catalog = """
    files:
      - {path: jgbcme_all.csv, reader: mof-jgb, source: {publisher: MoF, title: t, url: u, licence: l}}
      - {path: jgbcm.csv, reader: mof-jgb, encoding: cp932, source: {publisher: MoF, title: t, url: u, licence: l}}
      - {path: jgb_auctions.csv, reader: event-table, source: {publisher: MoF, title: t, url: u, licence: l}}
      - {path: DGS10.csv, reader: fred, source: {publisher: Fed, title: t, url: u, licence: l}}
      - {path: DGS30.csv, reader: fred, source: {publisher: Fed, title: t, url: u, licence: l}}
      - {path: FEDFUNDS.csv, reader: fred, source: {publisher: Fed, title: t, url: u, licence: l}}
      - {path: DTWEXBGS.csv, reader: fred, source: {publisher: Fed, title: t, url: u, licence: l}}
      - {path: DEXJPUS.csv, reader: fred, source: {publisher: Fed, title: t, url: u, licence: l}}
      - {path: DEXCHUS.csv, reader: fred, source: {publisher: Fed, title: t, url: u, licence: l}}
      - {path: IRLTLT01JPM156N.csv, reader: fred, source: {publisher: OECD, title: t, url: u, licence: l}}
      - {path: FRED_Japan_3M_CD_Rate.csv, reader: fred, source: {publisher: OECD, title: t, url: u, licence: l}}
      - {path: BIDTOCOVER_10Y.csv, reader: fred, source: {publisher: UST, title: t, url: u, licence: l}}
      - {path: BIDTOCOVER_30Y.csv, reader: fred, source: {publisher: UST, title: t, url: u, licence: l}}
      - {path: mfhhis01.txt, reader: tic-mfh, source: {publisher: UST, title: t, url: u, licence: l}}
    series:
      - {id: y1, file: jgbcme_all.csv, column: 1Y, units: percent, name: x}
      - {id: y40, file: jgbcme_all.csv, column: 40Y, units: percent, name: x}
      - {id: cm10, file: jgbcm.csv, column: 10年, units: percent, name: x}
      - {id: btc20, file: jgb_auctions.csv, column: bid_to_cover, filter: {tenor: 20-Year}, units: ratio, name: x}
      - {id: auction_size, file: jgb_auctions.csv, column: size_bn_jpy, filter: {tenor: 40-Year}, units: jpy_bn, name: x}
      - {id: dgs10, file: DGS10.csv, units: percent, name: x}
      - {id: dgs30, file: DGS30.csv, units: percent, name: x}
      - {id: ff, file: FEDFUNDS.csv, units: percent, name: x}
      - {id: usd, file: DTWEXBGS.csv, column: value, units: index, name: x}
      - {id: jpy, file: DEXJPUS.csv, units: currency, name: x}
      - {id: cny, file: DEXCHUS.csv, units: currency, name: x}
      - {id: jp10m, file: IRLTLT01JPM156N.csv, units: percent, name: x}
      - {id: call, file: FRED_Japan_3M_CD_Rate.csv, units: percent, name: x}
      - {id: b10, file: BIDTOCOVER_10Y.csv, units: ratio, name: x}
      - {id: b30, file: BIDTOCOVER_30Y.csv, units: ratio, name: x}
      - {id: japan, file: mfhhis01.txt, column: Japan, units: usd_bn, name: x}
      - {id: china, file: mfhhis01.txt, column: "China, Mainland", units: usd_bn, name: x}
    """

    /// id → (rows including missing, first day, first value, last day, last value). SOURCES.md says the
    /// October 2025 current-month file has 12 data rows; it has 11 (1–16 October, business days).
    static let expected: [String: (Int, String, Double, String, Double)] = [
        "y1": (13_248, "1974-09-24", 10.327, "2026-06-30", .nan),
        "cm10": (11, "2025-10-01", 1.663, "2025-10-16", 1.663),
        "dgs10": (16_846, "1962-01-02", 4.06, "2026-07-28", .nan),
        "dgs30": (12_901, "1977-02-15", .nan, "2026-07-28", .nan),
        "ff": (318, "2000-01-01", 5.45, "2026-06-01", 3.63),
        "usd": (5_215, "2006-01-02", 101.4155, "2025-12-26", 119.8529),
        "jpy": (2_610, "2015-07-13", 123.35, "2025-07-11", .nan),
        "cny": (1_306, "2019-09-13", 7.0754, "2024-09-13", .nan),
        "jp10m": (445, "1989-01-01", 4.8, "2026-01-01", 2.24),
        "call": (100, "2018-01-01", -0.04, "2026-04-01", .nan),
        "b10": (101, "2000-02-09", .nan, "2026-05-12", 2.4),
        "b30": (74, "2001-02-08", .nan, "2026-05-13", .nan),
    ]

    @Test func everyOpenFileLoadsWithItsRowsAndEnds() throws {
        let catalog = try Catalog(yaml: Self.catalog, path: "test-catalog.yaml")
        let store = try DataStore.load(catalog: catalog, dataDirectory: RealDataTests.raw, displayPrefix: "raw/")
        for (id, (rows, firstDay, firstValue, lastDay, lastValue)) in Self.expected {
            let s = try #require(store.series(id), "\(id) missing")
            #expect(s.count == rows, "\(id) rows")
            #expect(s.days.first == Day(iso: firstDay), "\(id) first day")
            #expect(s.days.last == Day(iso: lastDay), "\(id) last day")
            if !firstValue.isNaN { #expect(s.values.first == firstValue, "\(id) first value") }
            if !lastValue.isNaN { #expect(s.values.last == lastValue, "\(id) last value") }
        }
        #expect(store.series("y40")?.observations.first?.day == Day(iso: "2007-11-06"))
        #expect(store.series("btc20")?.days.contains(Day(iso: "2025-05-20")!) == true)
        #expect(store.series("auction_size")?.observations.last(where: { $0.day <= Day(iso: "2025-05-28")! })?.value == 500)
        // TIC: values quoted in SOURCES.md.
        let japan = try #require(store.series("japan"))
        #expect(japan.observations.first { $0.day == Day(iso: "2025-05-31")! }?.value == 1135.0)
        #expect(japan.observations.first { $0.day == Day(iso: "2025-12-31")! }?.value == 1185.5)
        let china = try #require(store.series("china"))
        #expect(china.observations.first { $0.day == Day(iso: "2025-05-31")! }?.value == 732.7)
        #expect(china.observations.first { $0.day == Day(iso: "2025-12-31")! }?.value == 683.5)
        #expect(japan.days.first == Day(iso: "2000-03-31"))
        #expect(japan.count == 310) // March 2000 to December 2025, one value per month
    }

    /// The two restricted files are read here only, never copied into Data/.
    @Test func restrictedFilesLoadInTestsOnly() throws {
        var options = FileOptions()
        options.delimiter = ";"
        options.dateColumn = "Date"
        let chinaText = try String(contentsOf: RealDataTests.raw.appendingPathComponent("china_yield.csv"), encoding: .utf8)
        let cgb = try #require(try DelimitedReader().read(text: chinaText, file: "china_yield.csv", selections: [
            SeriesSelection(id: "cgb10", column: "10Y", declaredAt: SourceLocation(file: "test"))], options: options)["cgb10"])
        #expect(cgb.count == 1_403)
        #expect(cgb.observations.first { $0.day == Day(iso: "2024-08-05")! }?.value == 2.1376)
        #expect(cgb.days.last == Day(iso: "2024-08-12"))
        let csiText = try String(contentsOf: RealDataTests.raw.appendingPathComponent("000300.csv"), encoding: .utf8)
        let csi = try #require(try DelimitedReader().read(text: csiText, file: "000300.csv", selections: [
            SeriesSelection(id: "close", column: "close", declaredAt: SourceLocation(file: "test"))])["close"])
        #expect(csi.count == 2_829)
        #expect(csi.observations.first { $0.day == Day(iso: "2025-05-20")! }?.value == 3898.17)
        let data = try FileManager.default.contentsOfDirectory(atPath: SampleData.root.appendingPathComponent("Data").path)
        #expect(!data.contains("000300.csv") && !data.contains("china_yield.csv"))
    }
}

enum SampleData {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
}
