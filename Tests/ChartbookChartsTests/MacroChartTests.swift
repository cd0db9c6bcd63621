import ChartbookCharts
import ChartbookCore
import Foundation
import Testing

/// The chart types a macro letter needs beyond plots over time: ranked bars, curves by maturity
/// and "in numbers" tables, in both languages and at desktop and phone widths.
@Suite struct MacroChartTests {
    static func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "</text>").dropLast().compactMap { $0.components(separatedBy: ">").last }
    }

    @Test func rankedBarsSortNumberAndMarkTheEarlierValue() {
        var chart = Chart(id: "r", title: "Holders", subtitle: "", source: "S", series: [], language: .en)
        chart.layout = .bars(BarSet(items: [
            BarItem(label: "China", value: 765.4, text: "$765.4bn", previous: 767.6, changeText: "−0.3%"),
            BarItem(label: "Japan", value: 1130.8, text: "$1,130.8bn", previous: 1167.6, changeText: "−3.1%"),
            BarItem(label: "UK", value: 779.3, text: "$779.3bn", previous: 736.8, changeText: "+5.8%"),
        ], ranked: true, previousLabel: "a year earlier"))
        let svg = ChartRenderer().render(chart)
        let texts = Self.texts(svg)
        // Largest first, each row numbered before its name.
        #expect(texts.firstIndex(of: "1.")! < texts.firstIndex(of: "Japan")!)
        #expect(texts.firstIndex(of: "Japan")! < texts.firstIndex(of: "UK")!)
        #expect(texts.firstIndex(of: "UK")! < texts.firstIndex(of: "China")!)
        #expect(texts.contains("$779.3bn  +5.8%"))
        #expect(texts.contains("a year earlier"))
        // One earlier-value tick per bar, plus the key's.
        #expect(svg.components(separatedBy: "class=\"cb-ink\"").count - 1 == 4)
        #expect(ChartDescription.describe(chart).hasPrefix("Ranked bar chart, 3 bars, largest first. Japan: $1,130.8bn (−3.1%)"))
        // On a phone the names are set at the phone's label size, not shrunk with the chart.
        let phone = ChartRenderer().render(chart, format: .phone)
        #expect(phone.contains("font-size=\"13\" fill=\"#1a1a1a\">Japan</text>"))
    }

    @Test func curveLabelsMaturitiesWithoutCrowdingTheShortEnd() {
        let maturities: [Double] = [1, 2, 3, 5, 7, 10, 20, 30, 40]
        let x = { (m: Double) in 40 + m / 40 * 260 }
        let kept = CurveTicksProbe.ticks(maturities, x: x, width: 22)
        #expect(kept.last == 40)
        for (a, b) in zip(kept, kept.dropFirst()) { #expect(x(b) - x(a) >= 22 + 6) }
        #expect(kept.count < maturities.count)
    }

    @Test func curveDrawsEachDateWithDotsAndSpeaksBothLanguages() {
        let today = CurveLine(label: "23 May 2025", points: [CurvePoint(maturity: 40, value: 3.249), CurvePoint(maturity: 10, value: 1.559), CurvePoint(maturity: 2, value: 0.745)])
        let earlier = CurveLine(label: "23 May 2024", points: [CurvePoint(maturity: 2, value: 0.335), CurvePoint(maturity: 10, value: 1.005), CurvePoint(maturity: 40, value: 2.318)])
        for language in [EditionLanguage.en, .zh] {
            var chart = Chart(id: "c", title: "Curve", subtitle: "", source: "S", series: [], language: language)
            chart.layout = .curve([today, earlier])
            for format in ChartFormat.allCases {
                let svg = ChartRenderer().render(chart, format: format)
                #expect(svg.components(separatedBy: "<circle").count - 1 == 6)
                #expect(Self.texts(svg).contains(language == .zh ? "40年" : "40y"))
                #expect(Self.texts(svg).contains("23 May 2024"))
            }
            let description = ChartDescription.describe(chart)
            #expect(description.contains(language == .zh ? "收益率曲线" : "Curve by maturity, 2 dates compared."))
            #expect(description.contains(language == .zh ? "2年为0.75" : "2y 0.75"))
        }
        // Points come sorted by maturity whatever order they were given in.
        #expect(today.points.map(\.maturity) == [2, 10, 40])
    }

    @Test func numberTableDropsChangeColumnsOnAPhoneRatherThanShrinking() {
        let days = (0..<260).map { Day(ordinal: 20_000 + $0) }
        let spark = ChartSeries(label: "x", days: days, values: days.indices.map { 1 + sin(Double($0) / 20) })
        let rows = ["JGB 10-year", "JGB 30-year", "US 10-year", "USD/JPY"].map {
            NumberRow(label: $0, spark: spark, latest: "1,130.8", changes: ["+55bp", "−22bp", "+9bp"])
        }
        var chart = Chart(id: "n", title: "In numbers", subtitle: "", source: "S", series: [], language: .en)
        chart.layout = .numbers(NumberTable(rows: rows, sparkHeading: "1 year", latestHeading: "Latest", changeHeadings: ["1 year", "1 month", "1 week"]))
        chart.height = 280
        let desktop = Self.texts(ChartRenderer().render(chart))
        #expect(desktop.contains("1 week") && desktop.contains("1 month"))
        #expect(desktop.filter { $0 == "+55bp" }.count == 4)
        let phone = Self.texts(ChartRenderer().render(chart, format: .phone))
        #expect(!phone.contains("1 week"))
        #expect(phone.contains("+55bp"))
        #expect(ChartDescription.describe(chart).contains("JGB 10-year: 1,130.8; 1 year +55bp, 1 month −22bp, 1 week +9bp."))
    }

    @Test func aNoteMovesOffTheLineItWouldSitOn() {
        // A flat line at 10 and a note on a point just under it: above the point, the text would sit on the line.
        let days = (0..<100).map { Day(ordinal: 20_000 + $0) }
        let flat = ChartSeries(label: "flat", days: days, values: days.map { _ in 10 })
        let low = ChartSeries(label: "low", days: days, values: days.map { _ in 0 })
        var chart = Chart(id: "t", title: "T", subtitle: "", source: "S", series: [flat, low], language: .en)
        chart.annotations = [TextAnnotation(day: days[50], value: 9.8, text: "Here")]
        let svg = ChartRenderer().render(chart)
        let ring = svg.components(separatedBy: "<circle class=\"cb-base\" cx=\"").dropFirst().first!
        let cy = Double(ring.components(separatedBy: "cy=\"")[1].components(separatedBy: "\"")[0])!
        let note = svg.components(separatedBy: ">Here</text>")[0].components(separatedBy: "<text").last!
        let y = Double(note.components(separatedBy: " y=\"")[1].components(separatedBy: "\"")[0])!
        #expect(y > cy, "the note goes below the point, off the line above it")
    }

    @Test func aPhoneTimeAxisAlwaysHasLabels() {
        // Fifteen years of month ends in Chinese on a phone's plot: the width suggests a tick every
        // ten years, which gives one; the axis falls back to five-year ticks rather than none.
        let ticks = TimeTicks.ticks(from: Day(iso: "2010-01-31")!, to: Day(iso: "2025-03-31")!, width: 237, fontSize: 13, language: .zh)
        #expect(ticks.map(\.label) == ["2015年", "2020年", "2025年"])
        for width in stride(from: 60.0, through: 700, by: 20) {
            for language in [EditionLanguage.en, .zh] {
                #expect(!TimeTicks.ticks(from: Day(iso: "2010-01-31")!, to: Day(iso: "2025-03-31")!, width: width, fontSize: 13, language: language).isEmpty)
            }
        }
    }
}
