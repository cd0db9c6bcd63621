import ChartbookCore
@testable import ChartbookData
import Foundation
import Testing

@Suite struct DelimitedTextTests {
    @Test func quotedFieldsHoldDelimitersQuotesAndNewlines() throws {
        let text = "\u{FEFF}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",2\n"
        let table = try DelimitedText(text, file: "t.csv")
        #expect(table.records.count == 3)
        #expect(table.records[0].fields.map { String($0.text) } == ["a", "b"])
        #expect(table.records[1].fields.map { String($0.text) } == ["x, y", "say \"hi\""])
        #expect(table.records[2].fields.map { String($0.text) } == ["multi\nline", "2"])
        #expect(table.records[2].line == 3)
        #expect(table.records[1].fields[1].column == 8)
    }

    @Test func unterminatedQuoteIsAnErrorAtTheQuote() {
        #expect(throws: SourceError(SourceLocation(file: "t.csv", line: 2, column: 3), "unterminated quoted field: the closing \" is missing")) {
            _ = try DelimitedText("a,b\n1,\"open\n3,4\n", file: "t.csv")
        }
    }

    @Test func otherDelimiters() throws {
        let table = try DelimitedText("a;b\n1;2", delimiter: ";", file: "t.csv")
        #expect(table.records.map { $0.fields.count } == [2, 2])
    }
}

@Suite struct ReaderTests {
    let mof = "Interest Rate,,,,(Unit : %)\r\nDate,1Y,10Y,20Y,40Y\r\n2007/11/5,0.7,1.5,2.1,-\r\n2025/5/20,0.583,1.53,2.539,3.288\r\n2025/5/21,0.558,1.53,2.528,3.3\r\n"

    func selection(_ id: String, _ column: String?, filter: [String: String] = [:]) -> SeriesSelection {
        SeriesSelection(id: id, column: column, filter: filter, declaredAt: SourceLocation(file: "Data/catalog.yaml", line: 7))
    }

    @Test func readsMinistryOfFinanceLayout() throws {
        let series = try MoFYieldReader().read(text: mof, file: "jgb.csv", selections: [selection("jgb_40y", "40Y"), selection("jgb_20y", "20Y")])
        let forty = try #require(series["jgb_40y"])
        #expect(forty.count == 3)
        #expect(forty.values[0].isNaN)
        #expect(forty.observations.map(\.value) == [3.288, 3.3])
        #expect(series["jgb_20y"]?.days.last == Day(year: 2025, month: 5, day: 21))
    }

    @Test func malformedNumberNamesFileLineAndColumn() {
        let bad = mof.replacingOccurrences(of: "2.528", with: "2.5x8")
        #expect(throws: SourceError(SourceLocation(file: "jgb.csv", line: 5, column: 22), "not a number: '2.5x8'")) {
            _ = try MoFYieldReader().read(text: bad, file: "jgb.csv", selections: [selection("jgb_20y", "20Y")])
        }
    }

    @Test func unknownColumnPointsAtTheCatalog() {
        do {
            _ = try MoFYieldReader().read(text: mof, file: "jgb.csv", selections: [selection("x", "50Y")])
            Issue.record("expected an error")
        } catch {
            #expect(error.location.file == "Data/catalog.yaml")
            #expect(error.message.contains("column '50Y' not found"))
        }
    }

    @Test func readsEveryFREDVariant() throws {
        let current = "observation_date,DGS10\n2025-05-23,4.51\n2025-05-26,\n2025-05-27,4.44\n"
        let old = "DATE,DEXCHUS\n2024-09-12,7.1\n2024-09-13,.\n"
        let resaved = "date,value\n2025-01-01,122.1\n"
        let a = try #require(try FREDReader().read(text: current, file: "a.csv", selections: [selection("a", nil)])["a"])
        #expect(a.count == 3 && a.values[1].isNaN && a.observations.count == 2)
        let b = try #require(try FREDReader().read(text: old, file: "b.csv", selections: [selection("b", nil)])["b"])
        #expect(b.values[1].isNaN)
        let c = try #require(try FREDReader().read(text: resaved, file: "c.csv", selections: [selection("c", "value")])["c"])
        #expect(c.observations.first?.value == 122.1)
    }

    @Test func rejectsUnsortedAndDuplicateDates() {
        #expect(throws: SourceError.self) {
            _ = try FREDReader().read(text: "DATE,X\n2025-01-02,1\n2025-01-01,2\n", file: "x.csv", selections: [selection("x", nil)])
        }
        do {
            _ = try FREDReader().read(text: "DATE,X\n2025-01-02,1\n2025-01-02,2\n", file: "x.csv", selections: [selection("x", nil)])
        } catch {
            #expect(error.location.line == 3)
            #expect(error.message == "duplicate date 2025-01-02")
        }
    }

    @Test func filtersLongTables() throws {
        let text = "date,tenor,size_bn_jpy,yield,bid_to_cover\n2025-05-13,30-Year,800.0,2.961,3.07\n2025-05-20,20-Year,1000.0,2.54,2.5007\n"
        let s = try #require(try EventTableReader().read(text: text, file: "a.csv", selections: [selection("btc", "bid_to_cover", filter: ["tenor": "20-Year"])])["btc"])
        #expect(s.observations == [Observation(day: Day(year: 2025, month: 5, day: 20)!, value: 2.5007)])
    }
}

/// Cells are read without strtod when they are plain decimals; the value must be the very Double
/// that `Double(text)` gives, bit for bit, and anything unusual must be left to it.
@Suite struct PlainDecimalTests {
    @Test func agreesWithTheStandardLibraryBitForBit() {
        var state: UInt64 = 20_251_203
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        var checked = 0
        for _ in 0..<200_000 {
            var text = ["", "-", "+"][next(3)]
            text += String(repeating: "0", count: next(3))
            for _ in 0..<(1 + next(17)) { text += String(next(10)) }
            if next(4) > 0 {
                text += "."
                for _ in 0..<next(24) { text += String(next(10)) }
            }
            let fast = NumberParser.plainDecimal(Substring(text))
            if let fast {
                #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)")
                checked += 1
            }
        }
        #expect(checked > 50_000)
        for odd in ["1.", ".5", "1e3", "0x10", "inf", "nan", "1,5", "--1", "1-", "", "-", "12345678901234567"] {
            #expect(NumberParser.plainDecimal(Substring(odd)) == nil, "\(odd)")
        }
    }
}

/// What a reader made of a file is kept between builds and found again only for the very same
/// bytes read the very same way; a damaged record is ignored, never trusted.
@Suite struct ParsedDataCacheTests {
    @Test func sameBytesSameSeriesChangedBytesReadAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cb-parsed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("Data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let csv = data.appendingPathComponent("x.csv")
        try Data("observation_date,X\n2025-01-02,1.5\n2025-01-03,\n2025-01-06,-0.25\n".utf8).write(to: csv)
        let catalog = try Catalog(yaml: """
            files: [{path: x.csv, reader: fred, source: {publisher: P, title: T, url: U, licence: L}}]
            series: [{id: x, file: x.csv, units: percent, name: X}]
            """, path: "c.yaml")
        let cache = ParsedDataCache(folder: folder.appendingPathComponent("cache"), salt: "test")
        func load() throws -> Series? { try DataStore.load(catalog: catalog, dataDirectory: data, cache: cache).series("x", asOf: Day(ordinal: 1_000_000)) }
        let first = try #require(try load())
        let record = cache.url(for: "x.csv")
        #expect(FileManager.default.fileExists(atPath: record.path))
        let second = try #require(try load())
        #expect(second.days == first.days && second.values.map(\.bitPattern) == first.values.map(\.bitPattern)
                && second.sourceLines == first.sourceLines)
        // New bytes: the record no longer matches and the file is read again.
        try Data("observation_date,X\n2025-01-02,1.5\n2025-01-03,2\n".utf8).write(to: csv)
        #expect(try load()?.values == [1.5, 2])
        // A damaged record is not read.
        var damaged = try Data(contentsOf: record)
        damaged.removeLast(3)
        try damaged.write(to: record)
        #expect(try load()?.values == [1.5, 2])
        #expect(SeriesRecord.decode(damaged, key: "anything") == nil)
    }
}
