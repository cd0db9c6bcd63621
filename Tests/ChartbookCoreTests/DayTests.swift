import ChartbookCore
import Testing

@Suite struct DayTests {
    @Test func roundTripsCivilDates() {
        for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
            let day = Day(ordinal: ordinal)
            let (y, m, d) = day.components
            #expect(Day(year: y, month: m, day: d) == day)
        }
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(Day(year: 2025, month: 5, day: 24)?.description == "2025-05-24")
    }

    @Test func rejectsImpossibleDates() {
        #expect(Day(year: 2025, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(iso: "2025-13-01") == nil)
        #expect(Day(iso: "2025-5-1") == nil)
        #expect(Day(iso: "20250501") == nil)
    }

    @Test func parsesMinistryOfFinanceDates() {
        #expect(Day(slashed: "2025/5/20") == Day(year: 2025, month: 5, day: 20))
        #expect(Day(slashed: "1974/09/24") == Day(year: 1974, month: 9, day: 24))
        #expect(Day(slashed: "25/5/20") == nil)
        #expect(Day(slashed: "2025/5/") == nil)
    }

    @Test func monthArithmeticClampsToMonthEnd() {
        let march31 = Day(year: 2025, month: 3, day: 31)!
        #expect(march31.adding(months: -1) == Day(year: 2025, month: 2, day: 28))
        #expect(march31.adding(months: -13) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2025, month: 1, day: 15)!.adding(months: -1) == Day(year: 2024, month: 12, day: 15))
    }

    @Test func weekdays() {
        #expect(Day(year: 2025, month: 5, day: 24)!.weekday == 5) // Saturday
        #expect(Day(year: 1970, month: 1, day: 1)!.weekday == 3) // Thursday
    }
}

@Suite struct DecimalFormatTests {
    @Test func roundsHalfAwayFromZeroAsWritten() {
        #expect(DecimalFormat.fixed(2.500732454388068, decimals: 2) == "2.50")
        #expect(DecimalFormat.fixed(2.675, decimals: 2) == "2.68")
        #expect(DecimalFormat.fixed(-0.0004, decimals: 3) == "0.000")
        #expect(DecimalFormat.fixed(-1.5, decimals: 0) == "-2")
        #expect(DecimalFormat.fixed(0.3, decimals: 1) == "0.3")
        #expect(DecimalFormat.trimmed(12.0, maxDecimals: 1) == "12")
        #expect(DecimalFormat.trimmed(-0.04, maxDecimals: 1) == "0")
        #expect(DecimalFormat.grouped("1135.0") == "1,135.0")
        #expect(DecimalFormat.grouped("-1234567") == "-1,234,567")
    }
}

@Suite struct YAMLValueTests {
    @Test func reportsUnknownKeysAtTheirLine() throws {
        let yaml = "title: x\nserise: [a]\n"
        let root = try #require(try YAMLValue.parse(yaml, file: "spec.yaml", lineOffset: 10))
        do {
            _ = try root.mapping(allowedKeys: ["title", "series"])
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(file: "spec.yaml", line: 12, column: 1))
            #expect(error.message.contains("unknown key 'serise'"))
        }
    }

    @Test func reportsSyntaxErrorsWithLineAndColumn() {
        do {
            _ = try YAMLValue.parse("a: [1, 2\nb: 3\n", file: "f.yaml", lineOffset: 0)
            Issue.record("expected an error")
        } catch {
            #expect(error.location.file == "f.yaml")
            #expect(error.location.line != nil)
            #expect(error.message.contains("YAML syntax error"))
        }
    }
}

@Suite struct ByteFormattingTests {
    @Test func appendFixedMatchesFixed() {
        for value in [0.0, -0.0004, 2.500732454388068, -1.5, 123456.789, 0.05, -0.05, 9.995, 1e-9] {
            for decimals in 0...4 {
                var bytes: [UInt8] = []
                DecimalFormat.appendFixed(value, decimals: decimals, to: &bytes)
                #expect(String(decoding: bytes, as: UTF8.self) == DecimalFormat.fixed(value, decimals: decimals), "\(value) \(decimals)")
            }
        }
        var bytes: [UInt8] = []
        Day(iso: "0999-01-09")!.appendISO(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "0999-01-09")
    }
}

/// Axis labels write numbers as the prose does: a true minus, grouped thousands (issue 14).
@Suite struct TickLabelTests {
    @Test func minusSignsAndThousands() {
        #expect(DecimalFormat.tick(-10, decimals: 0) == "\u{2212}10")
        #expect(DecimalFormat.tick(1500, decimals: 0) == "1,500")
        #expect(DecimalFormat.tick(-1234.5, decimals: 1) == "\u{2212}1,234.5")
        #expect(DecimalFormat.tick(-0.0, decimals: 1) == "0.0")
        #expect(DecimalFormat.tick(-0.04, decimals: 1) == "0.0")
        #expect(DecimalFormat.tick(0.25, decimals: 2) == "0.25")
    }
}
