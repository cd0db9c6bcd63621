import ChartbookCore

/// Reads US Treasury TIC "Major Foreign Holders of Treasury Securities" history (`mfhhis01.txt`):
/// tab-separated yearly blocks, newest first, each with a month row, a `Country` row of years and a
/// `------` rule, then one row per holder ("China, Mainland" quoted, footnote markers like `2/`),
/// totals and notes. A month shown twice at a series break keeps its first (newer-series) value.
/// Select a holder with `column: Japan`; values are end-of-month holdings in US$ billions.
public struct TICHoldingsReader: SeriesReader {
    public init() {}

    static let months = ["Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12]

    /// A holder's name without its footnote marker (`United Kingdom 2/` → `United Kingdom`).
    static func holderName(_ text: Substring) -> String {
        var name = text.trimmingSpaces
        if let slash = name.lastIndex(of: "/"), name[name.index(after: slash)...].isEmpty {
            let before = name[..<slash]
            if let space = before.lastIndex(of: " "), before[before.index(after: space)...].allSatisfy(\.isNumber) {
                name = before[..<space].trimmingSpaces
            }
        }
        return String(name)
    }

    public func read(_ input: ReaderInput, selections: [SeriesSelection], problems: ProblemSink) throws(SourceError) -> [String: Series] {
        let file = input.file
        let table = try DelimitedText(input.text, delimiter: "\t", file: file)
        var observations: [String: [Day: Double]] = [:]
        var lines: [String: [Day: Int]] = [:]
        var columns: [Int: Day] = [:]
        var pendingMonths: [Int: Int] = [:]
        var blocks = 0
        // Treasury writes "n.a." where a holder was not reported separately.
        let numbers = NumberParser(missing: ["n.a.", "n.a", "NA"])
        for record in table.records {
            let first = record[0]?.text.trimmingSpaces ?? ""
            let cells = record.fields.map { $0.text.trimmingSpaces }
            // Month row: months in the value columns.
            let monthCells = cells.enumerated().dropFirst().compactMap { i, c in TICHoldingsReader.months[String(c)].map { (i, $0) } }
            if first.isEmpty && monthCells.count >= 1 && monthCells.count == cells.dropFirst().filter({ !$0.isEmpty }).count {
                pendingMonths = Dictionary(uniqueKeysWithValues: monthCells)
                continue
            }
            if first == "Country" {
                guard !pendingMonths.isEmpty else {
                    try problems.error(SourceError(SourceLocation(file: file, line: record.line), "'Country' row without a month row above it"))
                    continue
                }
                columns = [:]
                var seen = Set<Day>()
                for (i, month) in pendingMonths.sorted(by: { $0.key < $1.key }) {
                    guard i < cells.count, let year = Int(cells[i]), let day = Day(year: year, month: month, day: 1) else {
                        try problems.error(SourceError(SourceLocation(file: file, line: record.line, column: record[i]?.column ?? 1),
                                                       "cannot read the year above a \(month)-month column"))
                        continue
                    }
                    let monthEnd = Day(year: year, month: month, day: Day.daysInMonth(year: year, month: month)) ?? day
                    // At a series break the same month appears twice; the first column is the newer series.
                    if seen.insert(monthEnd).inserted { columns[i] = monthEnd }
                }
                pendingMonths = [:]
                blocks += 1
                continue
            }
            guard !columns.isEmpty, !first.isEmpty, !first.hasPrefix("---") else { continue }
            let name = TICHoldingsReader.holderName(first)
            for (i, day) in columns {
                guard let field = record[i], !field.text.trimmingSpaces.isEmpty else { continue }
                do {
                    let value = try numbers.parse(field, line: record.line, file: file)
                    if observations[name]?[day] == nil {
                        observations[name, default: [:]][day] = value
                        lines[name, default: [:]][day] = record.line
                    }
                } catch {
                    // Footnote text after the last block is not data; numbers that fail inside a block are.
                    if first.first?.isNumber == true || first.hasPrefix("\"") { columns = [:]; break }
                    try problems.error(error)
                }
            }
        }
        guard blocks > 0 else { throw SourceError(SourceLocation(file: file, line: 1), "no TIC blocks found (no 'Country' header rows)") }
        var result: [String: Series] = [:]
        for selection in selections {
            guard let holder = selection.column else {
                throw SourceError(selection.declaredAt, "series '\(selection.id)': the tic-mfh reader needs 'column' naming a holder, e.g. Japan")
            }
            guard let values = observations[holder] else {
                let known = observations.keys.sorted().prefix(12).joined(separator: ", ")
                throw SourceError(selection.declaredAt, "series '\(selection.id)': holder '\(holder)' not found in \(file) (e.g. \(known))")
            }
            let days = values.keys.sorted()
            result[selection.id] = Series(id: selection.id, days: days, values: days.map { values[$0]! })
        }
        return result
    }
}
