import ChartbookCore
@testable import ChartbookData
import Foundation
import Testing

func selection(_ id: String, _ column: String?, filter: [String: String] = [:]) -> SeriesSelection {
    SeriesSelection(id: id, column: column, filter: filter, declaredAt: SourceLocation(file: "Data/catalog.yaml", line: 9))
}

@Suite struct JapaneseMoFTests {
    /// `基準日,10年,40年` with Showa, Heisei and Reiwa dates, a blank row and a `※` footnote, in CP932.
    static let cp932 = Data(hex: "8d918dc28be097988fee95f12c2c0d0a8aee8f8093fa2c3130944e2c3430944e0d0a5336342e312e372c312e352c2d0d0a48312e312e392c312e362c2d0d0a52372e31302e312c312e3636332c332e3333350d0a2c2c0d0a81a6928d8b4c2c2c0d0a")

    @Test func decodesCP932AndReadsEraDates() throws {
        let text = try TextEncoding.cp932.decode(Self.cp932, file: "jgbcm.csv")
        #expect(text.hasPrefix("国債金利情報"))
        let s = try MoFYieldReader().read(text: text, file: "jgbcm.csv", selections: [selection("y10", "10年"), selection("y40", "40年")])
        #expect(s["y10"]?.days == [Day(iso: "1989-01-07")!, Day(iso: "1989-01-09")!, Day(iso: "2025-10-01")!])
        #expect(s["y40"]?.observations.map(\.value) == [3.335])
    }

    @Test func utf8DecodingRefusesShiftJISWithTheLine() {
        #expect(throws: SourceError(SourceLocation(file: "jgbcm.csv", line: 1), "file is not valid utf-8 text; declare its encoding in the catalog (e.g. encoding: cp932)")) {
            _ = try TextEncoding.utf8.decode(Self.cp932, file: "jgbcm.csv")
        }
    }

    @Test func eraBoundaries() {
        #expect(JapaneseEra.parse("S64.1.7") == Day(iso: "1989-01-07"))
        #expect(JapaneseEra.parse("S64.1.8") == nil)   // Showa ended on 7 January 1989
        #expect(JapaneseEra.parse("H1.1.8") == Day(iso: "1989-01-08"))
        #expect(JapaneseEra.parse("H1.1.7") == nil)
        #expect(JapaneseEra.parse("H31.4.30") == Day(iso: "2019-04-30"))
        #expect(JapaneseEra.parse("H31.5.1") == nil)   // Heisei ended on 30 April 2019
        #expect(JapaneseEra.parse("R1.5.1") == Day(iso: "2019-05-01"))
        #expect(JapaneseEra.parse("R1.4.30") == nil)
        #expect(JapaneseEra.parse("R7.10.1") == Day(iso: "2025-10-01"))
        #expect(JapaneseEra.parse("R7.2.29") == nil)
        #expect(JapaneseEra.parse("X7.1.1") == nil)
    }
}

@Suite struct TICReaderTests {
    static let fixture = """
    \t\t\tMAJOR FOREIGN HOLDERS OF TREASURY SECURITIES\t\t
    \tDec\tNov\t
    Country\t2025\t2025\t
    \t------\t------\t
    Japan\t1185.5\t1202.7\t
    "China, Mainland"\t683.5\t683.9\t
    Grand Total\t9000\t8900\t
    \t\t\t\t
    \t\tSeries 6/\tSeries
    \t\t  II\tI
    \tApr\tMar\tMar
    Country\t2000\t2000\t2000
    \t------\t------\t------
    Japan\t317.7\t321.7\t300
    "China, Mainland"\tn.a.\t58.9\t59
    United Kingdom 2/\t50.2\t54.5\t55
    6/   Denotes series break.\t\t\t
    """

    @Test func readsBlocksFootnotesAndSeriesBreaks() throws {
        let s = try TICHoldingsReader().read(text: Self.fixture, file: "mfh.txt",
                                             selections: [selection("jp", "Japan"), selection("cn", "China, Mainland"), selection("uk", "United Kingdom")])
        #expect(s["jp"]?.days == [Day(iso: "2000-03-31")!, Day(iso: "2000-04-30")!, Day(iso: "2025-11-30")!, Day(iso: "2025-12-31")!])
        // March 2000 appears twice at the series break: the first (newer series) value is kept.
        #expect(s["jp"]?.values == [321.7, 317.7, 1202.7, 1185.5])
        #expect(s["cn"]?.observations.first?.value == 58.9)
        #expect(s["cn"]?.values[1].isNaN == true)
        #expect(s["uk"]?.values == [54.5, 50.2])
    }

    @Test func unknownHolderIsAnErrorAtTheCatalog() {
        do {
            _ = try TICHoldingsReader().read(text: Self.fixture, file: "mfh.txt", selections: [selection("x", "Atlantis")])
            Issue.record("expected an error")
        } catch {
            #expect(error.location.file == "Data/catalog.yaml")
            #expect(error.message.contains("holder 'Atlantis' not found"))
        }
    }
}

@Suite struct DelimitedReaderTests {
    @Test func semicolonsDecimalCommasAndDeclaredDates() throws {
        var options = FileOptions()
        options.delimiter = ";"
        options.decimalMark = ","
        options.dateFormat = .dotted
        let text = "\u{FEFF}Datum;Rendite;Note\r\n20.5.2025;1,53;\"a; b\"\r\n21.5.2025;;x\r\n"
        let s = try DelimitedReader().read(text: text, file: "de.csv", selections: [selection("r", "Rendite")], options: options)
        #expect(s["r"]?.days == [Day(iso: "2025-05-20")!, Day(iso: "2025-05-21")!])
        #expect(s["r"]?.values.first == 1.53)
        #expect(s["r"]?.values.last?.isNaN == true)
    }

    @Test func collectModeReportsEveryBadRowAndKeepsTheRest() throws {
        let text = "date,x\n2025-01-01,1\n2025-13-01,2\n2025-01-03,abc\n2025-01-04,4\n2025-01-04,5\n"
        let sink = ProblemSink(mode: .collect)
        let s = try DelimitedReader().read(ReaderInput(text: text, file: "x.csv"), selections: [selection("x", nil)], problems: sink)
        #expect(s["x"]?.values == [1, 4])
        #expect(sink.diagnostics.map { $0.location.line } == [3, 4, 6])
        #expect(sink.diagnostics.map(\.message) == ["cannot read date '2025-13-01'; expected YYYY-MM-DD", "not a number: 'abc'", "duplicate date 2025-01-04"])
    }

    @Test func dateFormats() {
        #expect(DateFormat.american.parse("5/20/2025") == Day(iso: "2025-05-20"))
        #expect(DateFormat.compact.parse("20250520") == Day(iso: "2025-05-20"))
        #expect(DateFormat.yearMonth.parse("2025-05") == Day(iso: "2025-05-01"))
        #expect(DateFormat.dotted.parse("20.05.25") == nil)
    }
}

/// Property tests of the delimited text reader: random tables written with any delimiter, quoting
/// and line ending read back identically; random bytes never crash it.
@Suite struct DelimitedPropertyTests {
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let alphabet: [String] = ["a", "b", "1", ".", " ", ",", ";", "\t", "\"", "\n", "\r\n", "日", "€", "-"]

    static func write(_ rows: [[String]], delimiter: Character, newline: String) -> String {
        rows.map { row in
            row.map { field in
                let needsQuotes = field.contains(delimiter) || field.contains("\"") || field.contains("\n") || field.contains("\r") || field.isEmpty && row.count == 1
                return needsQuotes ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: String(delimiter))
        }.joined(separator: newline) + newline
    }

    @Test func randomTablesRoundTrip() throws {
        var random = Random(state: 2025)
        for _ in 0..<500 {
            let delimiter: Character = [",", ";", "\t"][random.int(3)]
            let newline = ["\n", "\r\n"][random.int(2)]
            let rows: [[String]] = (0..<(1 + random.int(6))).map { _ in
                (0..<(1 + random.int(5))).map { _ in (0..<random.int(6)).map { _ in Self.alphabet[random.int(Self.alphabet.count)] }.joined() }
            }
            let text = Self.write(rows, delimiter: delimiter, newline: newline)
            let parsed = try DelimitedText(text, delimiter: delimiter, file: "p.csv").records.map { $0.fields.map { String($0.text) } }
            // Inside quotes, CRLF stays CRLF; compare after folding line endings the same way.
            let expected = rows.map { $0.map { $0 } }
            #expect(parsed == expected, "delimiter \(delimiter.debugDescription) newline \(newline.debugDescription)\n\(text.debugDescription)")
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = Random(state: 7)
        let pieces = ["\"", ",", "\n", "\r", "a", "1", "\u{FEFF}", "日", ";", "\t", "\"\""]
        for _ in 0..<2_000 {
            let text = (0..<random.int(40)).map { _ in pieces[random.int(pieces.count)] }.joined()
            _ = try? DelimitedText(text, file: "f.csv")
            _ = try? DelimitedReader().read(text: "date,x\n" + text, file: "f.csv", selections: [selection("x", "x")])
        }
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self.init(bytes)
    }
}
