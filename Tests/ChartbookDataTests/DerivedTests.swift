import ChartbookCore
import ChartbookData
import Foundation
import Testing

@Suite struct DerivedSeriesTests {
    let a = Series(id: "a", days: ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-06"].map(day), values: [1.0, 1.5, .nan, 2.0])
    let b = Series(id: "b", days: ["2025-01-02", "2025-01-03", "2025-01-06"].map(day), values: [0.5, 0.7, 0.25])

    @Test func parsesAndRejectsExpressions() throws {
        let e = try SeriesExpression(parsing: "bp(spread(ust_10y, jgb_10y))", at: SourceLocation(file: "c.yaml", line: 3, column: 11))
        #expect(e == .basisPoints(.spread(.series("ust_10y"), .series("jgb_10y"))))
        #expect(e.inputs == ["ust_10y", "jgb_10y"])
        do {
            _ = try SeriesExpression(parsing: "spred(a, b)", at: SourceLocation(file: "c.yaml", line: 3, column: 11))
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: "c.yaml", line: 3, column: 11))
            #expect(error.message.contains("unknown function 'spred'"))
        }
        #expect(throws: SourceError.self) { _ = try SeriesExpression(parsing: "change(a, 1q)", at: SourceLocation(file: "c")) }
        #expect(throws: SourceError.self) { _ = try SeriesExpression(parsing: "rebase(a, 2025-02-30)", at: SourceLocation(file: "c")) }
    }

    @Test func spreadUsesCommonDays() {
        let s = Transforms.spread(a, b, id: "s")
        #expect(s.days == [day("2025-01-02"), day("2025-01-06")])
        #expect(s.values == [1.0, 1.75])
    }

    @Test func changeAndPercentChange() {
        let c = Transforms.change(a, over: .days(1), id: "c", percent: false)
        #expect(c.days == [day("2025-01-02"), day("2025-01-06")])
        #expect(c.values == [0.5, 0.5]) // 6 Jan against the last value on or before 5 Jan (1.5)
        let p = Transforms.change(a, over: .days(1), id: "p", percent: true)
        #expect(p.values.first == 50)
    }

    @Test func rollingMeanWaitsForAFullWindow() {
        let r = Transforms.rollingMean(a, over: .days(2), id: "r")
        #expect(r.days == [day("2025-01-03"), day("2025-01-06")].filter { d in a.observations.contains { $0.day == d } } + [])
        #expect(r.values == [2.0]) // 6 Jan: window (4 Jan, 6 Jan] holds only 2.0
    }

    @Test func resampleDatesEachPeriodAtItsLastObservation() {
        let days = (0..<40).map { Day(iso: "2025-01-01")!.adding(days: $0) }
        let s = Series(id: "x", days: days, values: days.indices.map(Double.init))
        let monthly = Transforms.resample(s, .monthly, .last, id: "m")
        #expect(monthly.days == [day("2025-01-31"), day("2025-02-09")])
        #expect(monthly.values == [30, 39])
        let mean = Transforms.resample(s, .monthly, .mean, id: "m")
        #expect(mean.values == [15, 35])
        let weekly = Transforms.resample(s, .weekly, .last, id: "w")
        #expect(weekly.days.first == day("2025-01-05")) // the first week (Mon 30 Dec – Sun 5 Jan) ends on Sunday
    }

    @Test func rebaseToOneHundred() {
        let r = Transforms.rebase(a, at: day("2025-01-02"), id: "r")
        #expect(zip(r.values, [100.0 / 1.5, 100, 2.0 / 1.5 * 100]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(Transforms.rebase(a, at: day("2024-12-31"), id: "r").count == 0)
    }

    /// A derived series cut at an as-of date equals the same derivation on data cut there.
    @Test func derivedSeriesRespectTheAsOfDate() throws {
        let yaml = """
        files: [{path: x.csv, reader: fred, source: {publisher: P, title: T, url: U, licence: L}}]
        series: [{id: x, file: x.csv, units: percent, name: X}]
        derived: [{id: m, expr: "resample(x, monthly, mean)", units: percent, name: M}]
        """
        let catalog = try Catalog(yaml: yaml, path: "c.yaml")
        let days = (0..<60).map { Day(iso: "2025-01-01")!.adding(days: $0) }
        let store = DataStore(catalog: catalog, series: ["x": Series(id: "x", days: days, values: days.indices.map(Double.init))])
        let asOf = day("2025-02-10")
        // February's mean as of 10 February uses 1–10 February only (values 31…40).
        #expect(store.series("m", asOf: asOf)?.values.last == 35.5)
        #expect(store.facts("m", asOf: asOf)?.last?.day == asOf)
    }

    @Test func derivedMayOnlyUseSeriesDeclaredAbove() {
        let yaml = """
        files: [{path: x.csv, reader: fred, source: {publisher: P, title: T, url: U, licence: L}}]
        series: [{id: x, file: x.csv, units: percent, name: X}]
        derived: [{id: m, expr: "spread(x, later)", units: percent, name: M}, {id: later, expr: "bp(x)", units: bp, name: L}]
        """
        #expect(throws: SourceError.self) { _ = try Catalog(yaml: yaml, path: "c.yaml") }
    }
}

@Suite struct MoreFactsTests {
    @Test func rankPercentileAndStreaks() throws {
        // Weekly closes rising three weeks in a row at the end.
        let days = (0..<35).map { Day(iso: "2025-03-03")!.adding(days: $0) }   // Monday 3 March
        var values = days.indices.map { Double($0 % 7 == 4 ? 0 : 0) + 5 }
        for (i, d) in days.enumerated() where d >= Day(iso: "2025-03-17")! { values[i] = 5 + Double((d.ordinal - Day(iso: "2025-03-17")!.ordinal) / 7 + 1) }
        let facts = Facts(series: Series(id: "s", days: days, values: values), asOf: days.last!)
        let streak = try #require(facts.streak(.weekly))
        #expect(streak == Facts.Streak(count: 3, rising: true))
        #expect(facts.rank?.position == 1)
        #expect(facts.percentile == 100)
    }
}
