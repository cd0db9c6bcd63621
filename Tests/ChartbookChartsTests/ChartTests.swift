@testable import ChartbookCharts
import ChartbookCore
import Foundation
import Testing

@Suite struct LinearTicksTests {
    @Test func hardRanges() {
        #expect(LinearTicks.ticks(3.85, 5.02, count: 5) == [4.0, 4.2, 4.4, 4.6, 4.8, 5.0])
        #expect(LinearTicks.ticks(-0.2, 0.1, count: 5) == [-0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1])
        #expect(LinearTicks.ticks(0, 1, count: 10).contains(0.3))
        #expect(LinearTicks.ticks(0, 1, count: 10)[3] == 0.3) // not 0.30000000000000004
        #expect(LinearTicks.ticks(1, 1, count: 5) == [1])
    }

    @Test func niceWidensToWholeSteps() {
        let (lo, hi) = LinearTicks.nice(0.12, 3.336, count: 5)
        #expect(lo == 0 && hi == 3.5)
        #expect(LinearTicks.decimals(forStep: 0.05) == 2)
        #expect(LinearTicks.decimals(forStep: 20) == 0)
    }
}

@Suite struct TimeTicksTests {
    @Test func longRangesUseYearsAndLabelPerLocale() {
        let start = Day(iso: "2000-01-04")!, end = Day(iso: "2025-05-23")!
        let en = TimeTicks.ticks(from: start, to: end, width: 560, fontSize: 12.5, language: .en)
        // Shortened years after the first, as financial papers print them.
        #expect(en.map(\.label) == ["2005", "10", "15", "20", "25"])
        let zh = TimeTicks.ticks(from: start, to: end, width: 560, fontSize: 12.5, language: .zh)
        #expect(zh.first?.label == "2005年")
    }

    @Test func shortRangesUseMonthsWithTheYearAtJanuary() {
        let ticks = TimeTicks.ticks(from: Day(iso: "2024-10-15")!, to: Day(iso: "2025-05-23")!, width: 560, fontSize: 12.5, language: .zh)
        #expect(ticks.map(\.label).contains("2025年1月"))
        #expect(ticks.map(\.label).contains("3月"))
    }

    @Test func labelsNeverOverlap() {
        for width in stride(from: 120.0, through: 900, by: 60) {
            let ticks = TimeTicks.ticks(from: Day(iso: "1990-01-01")!, to: Day(iso: "2025-05-23")!, width: width, fontSize: 12.5, language: .en)
            let x = { (d: Day) in (Double(d.ordinal - Day(iso: "1990-01-01")!.ordinal) / Double(Day(iso: "2025-05-23")!.ordinal - Day(iso: "1990-01-01")!.ordinal)) * width }
            for (a, b) in zip(ticks, ticks.dropFirst()) {
                #expect(x(b.day) - x(a.day) >= (TextWidth.of(a.label, fontSize: 12.5) + TextWidth.of(b.label, fontSize: 12.5)) / 2)
            }
        }
    }
}

@Suite struct DownsampleTests {
    @Test func lttbKeepsASubsetWithEndsAndExtremes() {
        var xs: [Double] = [], ys: [Double] = []
        var y = 0.0
        var state: UInt64 = 42
        for i in 0..<7_800 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            y += Double(Int(state >> 33) % 200 - 100) / 100
            xs.append(Double(i)); ys.append(y)
        }
        let kept = Downsample.lttb(xs: xs, ys: ys, target: 1_000)
        #expect(kept.count <= 1_002)
        #expect(kept.first == 0 && kept.last == 7_799)
        #expect(kept == kept.sorted() && Set(kept).count == kept.count)
        #expect(kept.contains(ys.indices.max { ys[$0] < ys[$1] }!))
        #expect(kept.contains(ys.indices.min { ys[$0] < ys[$1] }!))
    }
}

@Suite struct ChartRendererTests {
    func chart(title: String = "JGB yields", label: String = "40-year") -> Chart {
        let days = (0..<400).map { Day(ordinal: 19_000 + $0) }
        // One missing day (a holiday) is bridged; ten in a row break the line.
        let values = days.indices.map { i in i == 100 || (200..<210).contains(i) ? Double.nan : 2 + sin(Double(i) / 30) }
        return Chart(id: "c1", title: title, subtitle: "Yield, %", source: "Source: MoF", series: [ChartSeries(label: label, days: days, values: values)], language: .en)
    }

    /// Dates that jump by years (a bond not issued, a series restarted) break the line; a skipped month in monthly data does not.
    @Test func aLongJumpInDatesBreaksTheLine() {
        let monthly = (0..<24).map { Day(ordinal: 10_000 + $0 * 30) } + (0..<24).map { Day(ordinal: 10_000 + 24 * 30 + 3_650 + $0 * 30) }
        let values = monthly.indices.map { 1 + Double($0 % 7) }
        var skipped = monthly
        skipped.remove(at: 5) // one missing month
        func moves(_ days: [Day]) -> Int {
            let chart = Chart(id: "g", title: "t", subtitle: "s", source: "Source: x",
                              series: [ChartSeries(label: "a", days: days, values: Array(values.prefix(days.count)))], language: .en)
            let svg = ChartRenderer().render(chart)
            // The series' line: the path whose class is cb-s0 and which has no fill.
            let line = svg.components(separatedBy: "<path d=\"").dropFirst().first { $0.contains("class=\"cb-s0\"") && $0.contains("fill=\"none\"") }
            return line.map { $0.prefix { $0 != "\"" }.filter { $0 == "M" }.count } ?? 0
        }
        #expect(moves(monthly) == 2)
        #expect(moves(Array(skipped.prefix(23))) == 1, "the first two years, one month missing")
    }

    @Test func isAccessibleAndNamesItsSource() {
        let svg = ChartRenderer().render(chart())
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("aria-labelledby=\"c1-title c1-desc\""))
        #expect(svg.contains("<title id=\"c1-title\">JGB yields</title>"))
        #expect(svg.contains(">Source: MoF</text>"))
        #expect(svg.contains("prefers-color-scheme: dark"))
    }

    /// The email's picture is the plot alone (its page sets title and source as text): no frame text,
    /// a shorter image, and the plot the same size as in the framed card.
    @Test func aFramelessChartKeepsItsPlotAndDropsItsText() throws {
        var c = chart(title: "A title long enough to wrap onto a second line at email width, surely")
        c.notes = "Before 2006 the compilation is patchy."
        let framed = ChartRenderer().render(c, format: .email), bare = ChartRenderer().render(c, format: .email, framed: false)
        for text in [">Source: MoF</text>", ">Yield, %</text>", "surely</text>", "patchy.</text>"] {
            #expect(framed.contains(text))
            #expect(!bare.contains(text), "\(text)")
        }
        #expect(bare.contains("<title id=\"c1-email-title\">\(c.title)</title>"), "the SVG still names itself")
        func number(_ svg: String, after marker: String, _ attribute: String) throws -> Double {
            let tail = try #require(svg.components(separatedBy: marker).dropFirst().first)
            let value = try #require(tail.components(separatedBy: attribute + "=\"").dropFirst().first?.prefix { $0 != "\"" })
            return try #require(Double(value))
        }
        let framedHeight = ChartFormat.email.layout(c).height, bareHeight = ChartFormat.email.layout(c, framed: false).height
        #expect(bareHeight < framedHeight - 80, "two title lines, a subtitle and two footer lines are gone")
        #expect(bare.contains("viewBox=\"0 0 360 \(SVGWriter.number(bareHeight))\""))
        // The plot (the reading rectangle) is as tall in both.
        #expect(try number(bare, after: "class=\"cb-hit\"", "height") == number(framed, after: "class=\"cb-hit\"", "height"))
        #expect(try number(bare, after: "class=\"cb-hit\"", "y") < number(framed, after: "class=\"cb-hit\"", "y"))
    }

    /// Thinning once for every layout keeps what each layout would have kept: breaks, ends,
    /// extremes and highlighted days, in at most `drawingPoints` per stretch.
    @Test func thinningKeepsBreaksExtremesAndHighlights() {
        // 30 years of weekdays with holidays, a ten-day hole and a two-year jump.
        var days: [Day] = [], values: [Double] = []
        var d = 10_000
        for i in 0..<8_000 {
            d += i == 5_000 ? 730 : (i % 5 == 4 ? 3 : 1)
            days.append(Day(ordinal: d))
            values.append(i % 251 == 0 || (3_000..<3_010).contains(i) ? .nan : 3 + sin(Double(i) / 40) + (i == 6_543 ? 5 : 0))
        }
        let special = days[7_321]
        let series = ChartSeries(label: "daily", days: days, values: values, highlight: [special])
        let chart = Chart(id: "t", title: "t", subtitle: "s", source: "Source: x", series: [series], language: .en)
        let thin = chart.thinnedForDrawing().series[0]
        #expect(LineMark.runs(thin).count == LineMark.runs(series).count && LineMark.runs(series).count == 3)
        for run in LineMark.runs(thin) { #expect(run.count <= Chart.drawingPoints + 2) }
        #expect(thin.days.contains(special))
        #expect(thin.values.filter { !$0.isNaN }.max() == values.filter { !$0.isNaN }.max())
        #expect(thin.values.filter { !$0.isNaN }.min() == values.filter { !$0.isNaN }.min())
        #expect(thin.days.first == days.first && thin.lastIndex.map { thin.days[$0] } == series.lastIndex.map { days[$0] })
        // Every layout draws the same stretches from the thinned chart as from the whole one.
        func moves(_ svg: String) -> Int {
            let line = svg.components(separatedBy: "<path d=\"").dropFirst().first { $0.contains("class=\"cb-s0\"") && $0.contains("fill=\"none\"") }
            return line.map { $0.prefix { $0 != "\"" }.filter { $0 == "M" }.count } ?? 0
        }
        for format in ChartFormat.allCases {
            #expect(moves(ChartRenderer().render(chart.thinnedForDrawing(), format: format)) == 3)
            #expect(moves(ChartRenderer().render(chart, format: format)) == 3)
        }
        // Columns are never thinned.
        var columns = chart
        columns.series[0].kind = .column
        #expect(columns.thinnedForDrawing().series[0].values.count == values.count)
    }

    @Test func longGapsBreakTheLineButHolidaysDoNot() {
        let svg = ChartRenderer().render(chart())
        let path = svg.components(separatedBy: "<path d=\"")[1].prefix { $0 != "\"" }
        #expect(path.filter { $0 == "M" }.count == 2)
    }

    @Test func hostileTextIsEscaped() {
        let svg = ChartRenderer().render(chart(title: "<script>alert(1)</script>", label: "\"><svg onload=x>\u{7}"))
        #expect(!svg.contains("<script>"))
        #expect(!svg.contains("<svg onload"))
        #expect(!svg.contains("\u{7}"))
        #expect(svg.contains("&lt;script&gt;"))
    }

    @Test func deterministic() {
        #expect(ChartRenderer().render(chart()) == ChartRenderer().render(chart()))
    }

    @Test func endLabelsNeverOverlap() {
        let anchors = [100.0, 101, 102, 103, 104, 300]
        let placed = EndLabels.place(anchors, top: 90, bottom: 320, fontSize: 12.5).sorted()
        for (a, b) in zip(placed, placed.dropFirst()) { #expect(b - a >= 12.5) }
        #expect(placed.allSatisfy { $0 >= 90 && $0 <= 320 })
    }
}

@Suite struct TextWidthTests {
    @Test func cjkIsFullWidth() {
        #expect(TextWidth.of("日本", fontSize: 10) > TextWidth.of("JP", fontSize: 10) * 1.5)
        #expect(abs(TextWidth.of("国债", fontSize: 10) - 20.6) < 0.1)
    }

    @Test func wrapsLongTitles() {
        let lines = TextWidth.wrap("Japan's super-long yields climb to records as a weak auction spooks buyers", fontSize: 18, maxWidth: 300, bold: true)
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { TextWidth.of($0, fontSize: 18, bold: true) <= 300 })
    }
}

@Suite struct MoreTickTests {
    @Test func extendedWilkinsonOnHardRanges() {
        let ticks = ExtendedTicks.ticks(3.85, 5.02, count: 5)
        #expect(ticks.first! <= 4.0 && ticks.last! >= 5.0)
        #expect(ticks.count >= 3 && ticks.count <= 8)
        let steps = Set(zip(ticks, ticks.dropFirst()).map { DecimalFormat.fixed($1 - $0, decimals: 6) })
        #expect(steps.count == 1, "evenly spaced: \(ticks)")
        // The labelling example in Talbot's paper: 8.1–14.1 with 4 labels gives 8, 10, 12, 14.
        #expect(ExtendedTicks.ticks(8.1, 14.1, count: 4) == [8, 10, 12, 14])
        #expect(ExtendedTicks.ticks(-0.2, 0.1, count: 5).contains(0))
    }

    @Test func oneDayAndFortyYears() {
        let day = Day(iso: "2025-05-20")!
        let oneDay = TimeTicks.ticks(from: day, to: day.adding(days: 1), width: 560, fontSize: 12.5, language: .en)
        #expect(oneDay.map(\.label) == ["20 May", "21"])
        let forty = TimeTicks.ticks(from: Day(iso: "1985-01-01")!, to: Day(iso: "2025-05-23")!, width: 560, fontSize: 12.5, language: .en)
        #expect(forty.map(\.label) == ["1985", "90", "95", "2000", "05", "10", "15", "20", "25"]) // century years in full
        let zhDays = TimeTicks.label([Day(iso: "2025-05-31")!, Day(iso: "2025-06-01")!, Day(iso: "2025-06-02")!], interval: .days(1), language: .zh)
        #expect(zhDays.map(\.label) == ["5月31日", "6月1日", "2日"])
        let quarters = TimeTicks.label([Day(iso: "2024-10-01")!, Day(iso: "2025-01-01")!, Day(iso: "2025-04-01")!], interval: .months(3), language: .en)
        #expect(quarters.map(\.label) == ["Q4 2024", "Q1 2025", "Q2"])
    }

    @Test func logScaleTicks() {
        let wide = ValueTicks.make(values: [0.5, 250], axis: ValueAxis(logarithmic: true), length: 300)
        #expect(wide.domain == (0.1, 1000))
        #expect(wide.ticks == [0.1, 1, 10, 100, 1000])
        let narrow = ValueTicks.make(values: [100.07, 161.73], axis: ValueAxis(logarithmic: true), length: 300)
        #expect(narrow.domain == (100, 200))
    }
}

@Suite struct LayoutTests {
    /// Six lines ending close together: their end labels must not overlap.
    @Test func sixSeriesLabelsDoNotOverlap() throws {
        let days = (0..<300).map { Day(ordinal: 19_000 + $0) }
        let series = (0..<6).map { k in ChartSeries(label: "Series \(k)", days: days, values: days.indices.map { 3 + Double(k) * 0.01 + sin(Double($0) / 20) }) }
        let svg = ChartRenderer().render(Chart(id: "six", title: "Six", subtitle: "%", source: "Source: test", series: series, language: .en))
        let pattern = try NSRegularExpression(pattern: #"<text class="cb-f\d" x="[0-9.]+" y="([0-9.]+)" font-size="12.5" font-weight="bold""#)
        let ys = pattern.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)).map { Double((svg as NSString).substring(with: $0.range(at: 1)))! }.sorted()
        #expect(ys.count == 6)
        for (a, b) in zip(ys, ys.dropFirst()) { #expect(b - a >= 12.5, "labels at \(a) and \(b) overlap") }
    }

    @Test func everyLayoutRendersAndDescribesItself() {
        let days = (0..<100).map { Day(ordinal: 19_000 + $0 * 7) }
        let a = ChartSeries(label: "A", days: days, values: days.indices.map { Double($0) })
        let b = ChartSeries(label: "B", days: days, values: days.indices.map { Double($0 * 2) - 50 })
        for kind in MarkKind.allCases {
            var s = a
            s.kind = kind
            let svg = ChartRenderer().render(Chart(id: "k", title: kind.rawValue, subtitle: "", source: "S", series: [s], language: .en))
            #expect(svg.contains("<path"), "\(kind) drew nothing")
        }
        var multiples = Chart(id: "m", title: "M", subtitle: "", source: "S", series: [a, b], language: .zh)
        multiples.layout = .smallMultiples(columns: 2)
        #expect(ChartRenderer().render(multiples).contains("小多图"))
        var scatter = Chart(id: "s", title: "S", subtitle: "", source: "S", series: [a, b], language: .en)
        scatter.layout = .scatter
        #expect(ChartRenderer().render(scatter).contains("Scatter plot, 100 points."))
        var bars = Chart(id: "b", title: "B", subtitle: "", source: "S", series: [], language: .en)
        bars.layout = .bars(BarSet(items: [BarItem(label: "x", value: 2, text: "2.0%"), BarItem(label: "y", value: -1, text: "-1.0%")]))
        #expect(ChartRenderer().render(bars).contains(">2.0%</text>"))
    }

    @Test func sparklineIsWordSizedAndLabelled() {
        let days = (0..<50).map { Day(ordinal: 19_000 + $0) }
        let svg = Sparkline(series: ChartSeries(label: "x", days: days, values: days.indices.map { Double($0 % 7) }), label: "USD/JPY <trend>").render()
        #expect(svg.contains("width:4em;height:1em"))
        #expect(svg.contains("aria-label=\"USD/JPY &lt;trend&gt;\""))
    }

    @Test func darkThemeUsesDarkColoursWithoutAMediaQuery() {
        let days = (0..<10).map { Day(ordinal: 19_000 + $0) }
        let chart = Chart(id: "d", title: "T", subtitle: "", source: "S", series: [ChartSeries(label: "x", days: days, values: days.map { _ in 1 })], language: .en)
        let svg = ChartRenderer(theme: .dark).render(chart)
        #expect(svg.contains("fill=\"#161a1f\""))
        #expect(!svg.contains("prefers-color-scheme"))
        #expect(!svg.contains("var("))
    }
}

@Suite struct EscapeTests {
    /// The escaper works on bytes: markup characters become entities, characters XML 1.0 forbids
    /// (C0 and C1 controls, U+FFFE, U+FFFF) are dropped, and everything else, CJK punctuation and
    /// U+FFFD included, passes through.
    @Test func escapesMarkupAndDropsForbiddenCharacters() {
        #expect(SVGWriter.escape("<script>\"a\" & 'b'</script>") == "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;")
        #expect(SVGWriter.escape("a\u{0}b\u{1B}c\u{7F}d\u{85}e\u{9F}f\u{FFFE}g\u{FFFF}h") == "abcdefgh")
        #expect(SVGWriter.escape("tab\there\nline\r") == "tab\there\nline\r")
        let clean = "日本国债，收益率：1.5%\u{FFFD}\u{A0}é\u{FFFD}"
        #expect(SVGWriter.escape(clean) == clean)
        #expect(SVGWriter.escape("]]><![CDATA[") == "]]&gt;&lt;![CDATA[")
        #expect(SVGWriter.escape("") == "")
    }

    /// Coordinates: one decimal, half away from zero, no trailing `.0`, no `-0`; both digit paths.
    @Test func numbersAreShortAndRounded() {
        let cases: [(Double, String)] = [(0, "0"), (0.04, "0"), (0.05, "0.1"), (-0.04, "0"), (-0.05, "-0.1"), (12, "12"),
                                         (-5.25, "-5.3"), (999.95, "1000"), (1234.56, "1234.6"), (9999.94, "9999.9"),
                                         (9999.95, "10000"), (123456.7, "123456.7"), (.nan, "0"), (.infinity, "0")]
        for (value, text) in cases { #expect(SVGWriter.number(value) == text, "\(value)") }
    }
}
