import ChartbookCharts
import ChartbookCore
import ChartbookData
@testable import ChartbookSite
import Testing

/// A chart's CSV cut from rows formatted once per build must equal the CSV formatted afresh.
@Suite struct ChartCSVTests {
    let store: DataStore
    let days = (0..<70).map { Day(iso: "2025-01-01")!.adding(days: $0) }

    init() throws {
        let yaml = """
        files: [{path: x.csv, reader: fred, source: {publisher: P, title: T, url: U, licence: L}}]
        series: [{id: x, file: x.csv, units: percent, name: X, decimals: 3}]
        derived: [{id: m, expr: "resample(x, monthly, mean)", units: percent, name: M}]
        """
        let values = days.indices.map { $0 % 9 == 4 ? Double.nan : Double($0) / 8 - 2 }
        store = DataStore(catalog: try Catalog(yaml: yaml, path: "c.yaml"), series: ["x": Series(id: "x", days: days, values: values)])
    }

    /// The CSV of series `id` plotted as of `asOf`, from `since` on.
    func csv(_ id: String, asOf: Day, since: Day? = nil, rows: ChartCSVRows?) throws -> String {
        let series = try #require(store.series(id, asOf: asOf)).slice(from: since, through: asOf)
        let plotted = ChartSeries(label: id, days: series.days, values: series.values)
        let chart = Chart(id: "c", title: "t", subtitle: "", source: "", series: [plotted], language: .en)
        return ChartData.csv(chart, infos: [try #require(store.info(id))], rows: rows, store: store)
    }

    @Test func asOfCutsAndWindowsEqualFreshFormatting() throws {
        let rows = ChartCSVRows()
        for (asOf, since) in [(69, nil), (10, nil), (4, nil), (69, 30), (40, 4), (0, nil)] as [(Int, Int?)] {
            let cached = try csv("x", asOf: days[asOf], since: since.map { days[$0] }, rows: rows)
            #expect(cached == (try csv("x", asOf: days[asOf], since: since.map { days[$0] }, rows: nil)), "as of \(asOf), since \(String(describing: since))")
        }
        // …and the cut really came from the shared rows.
        let cut = try #require(store.series("x", asOf: days[40])).slice(from: days[4], through: days[40])
        #expect(rows.rows("x", decimals: 3, plotted: ChartSeries(label: "x", days: cut.days, values: cut.values), whole: { store.series("x") }) != nil)
        let early = try csv("x", asOf: days[5], rows: rows)
        #expect(early == "date,x (x)\n2025-01-01,-2.000\n2025-01-02,-1.875\n2025-01-03,-1.750\n2025-01-04,-1.625\n2025-01-06,-1.375\n", "\(early)")
    }

    /// A monthly mean as of mid-month differs from the whole month's: such a series is formatted
    /// afresh, never cut from the whole series' rows.
    @Test func aSeriesThatChangesWithTheAsOfDateIsFormattedAfresh() throws {
        let rows = ChartCSVRows()
        let whole = try csv("m", asOf: days[69], rows: rows)
        let midFebruary = try csv("m", asOf: days[40], rows: rows)
        #expect(midFebruary == (try csv("m", asOf: days[40], rows: nil)))
        #expect(!whole.hasPrefix(midFebruary))
    }
}
