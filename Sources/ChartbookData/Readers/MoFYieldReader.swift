import ChartbookCore

/// Reads the Ministry of Finance Japan JGB yield files, English and Japanese alike: a title row,
/// a header (`Date,1Y,…,40Y` or `基準日,1年,…,40年`), dates as `YYYY/M/D` or in the Japanese era
/// calendar (`R7.10.1`), `-` for a tenor not yet issued, and trailing blank and footnote rows
/// (`※…`) in the current-month file. Declare `encoding: cp932` for the Japanese file.
public struct MoFYieldReader: SeriesReader {
    public init() {}

    static let dateHeaders: Set<Substring> = ["Date", "基準日"]

    public func read(_ input: ReaderInput, selections: [SeriesSelection], problems: ProblemSink) throws(SourceError) -> [String: Series] {
        let file = input.file
        let table = try DelimitedText(input.text, file: file)
        guard let headerAt = table.records.firstIndex(where: { MoFYieldReader.dateHeaders.contains($0[0]?.text.trimmingSpaces ?? "") }) else {
            throw SourceError(SourceLocation(file: file, line: 1), "no header row starting with 'Date' or '基準日' (MoF JGB yield layout expected)")
        }
        let header = HeaderRow(record: table.records[headerAt], file: file)
        var columns: [(Int, SeriesSelection)] = []
        for selection in selections {
            guard let column = selection.column else {
                throw SourceError(selection.declaredAt, "series '\(selection.id)': the mof-jgb reader needs a 'column' such as 20Y or 20年")
            }
            columns.append((try header.index(of: column, for: selection), selection))
        }
        var builders = columns.map { SeriesBuilder(id: $0.1.id, capacity: table.records.count) }
        let numbers = NumberParser(missing: ["-"])
        for record in table.records[(headerAt + 1)...] where !record.isBlank {
            let first = record[0]?.text.trimmingSpaces ?? ""
            let date = (input.options.dateFormat?.parse(first)) ?? DateFormat.slashed.parse(first) ?? JapaneseEra.parse(first)
            // The current-month file ends with a footnote row: text in the first cell, nothing after it.
            if date == nil && (first.hasPrefix("※") || record.fields.dropFirst().allSatisfy { $0.text.trimmingSpaces.isEmpty }) { continue }
            guard let day = date else {
                try problems.error(SourceError(SourceLocation(file: file, line: record.line, column: record[0]?.column ?? 1),
                                               "cannot read date '\(first)'; expected YYYY/M/D or an era date such as R7.10.1"))
                continue
            }
            guard record.fields.count == header.record.fields.count else {
                try problems.error(SourceError(SourceLocation(file: file, line: record.line),
                                               "row has \(record.fields.count) fields; the header has \(header.record.fields.count)"))
                continue
            }
            // Every cell is checked, not only the selected columns: a broken file is broken for every series.
            var values = [Double](repeating: .nan, count: record.fields.count)
            var rowOK = true
            for index in 1..<record.fields.count {
                do {
                    values[index] = try numbers.parse(record.fields[index], line: record.line, file: file)
                } catch {
                    try problems.error(error)
                    rowOK = false
                }
            }
            guard rowOK else { continue }
            for (n, (index, _)) in columns.enumerated() {
                try builders[n].append(day, values[index], at: SourceLocation(file: file, line: record.line, column: 1), problems: problems)
            }
        }
        return Dictionary(uniqueKeysWithValues: builders.map { ($0.id, $0.series) })
    }
}
