import ChartbookCore

/// Reads the Ministry of Finance Japan JGB yield file (`jgbcme_all.csv`): a title row, a `Date,1Y,…,40Y`
/// header, `YYYY/M/D` dates, `-` for a tenor not yet issued, CRLF line endings.
public struct MoFYieldReader: SeriesReader {
    public init() {}

    public func read(text: String, file: String, selections: [SeriesSelection]) throws(SourceError) -> [String: Series] {
        let table = try DelimitedText(text, file: file)
        guard let headerAt = table.records.firstIndex(where: { ["Date", "基準日"].contains($0[0]?.text.trimmingSpaces ?? "") }) else {
            throw SourceError(SourceLocation(file: file, line: 1), "no header row starting with 'Date' (MoF JGB yield layout expected)")
        }
        let header = HeaderRow(record: table.records[headerAt], file: file)
        var columns: [(Int, SeriesSelection)] = []
        for selection in selections {
            guard let column = selection.column else {
                throw SourceError(selection.declaredAt, "series '\(selection.id)': the mof-jgb reader needs a 'column' such as 20Y")
            }
            columns.append((try header.index(of: column, for: selection), selection))
        }
        var builders = columns.map { SeriesBuilder(id: $0.1.id, capacity: table.records.count) }
        let missing: Set<Substring> = ["-"]
        for record in table.records[(headerAt + 1)...] where !record.isBlank {
            guard let dateField = record[0], let day = Day(slashed: dateField.text.trimmingSpaces) else {
                throw SourceError(SourceLocation(file: file, line: record.line, column: record[0]?.column ?? 1),
                                  "cannot read date '\(record[0]?.text ?? "")'; expected YYYY/M/D")
            }
            guard record.fields.count == header.record.fields.count else {
                throw SourceError(SourceLocation(file: file, line: record.line),
                                  "row has \(record.fields.count) fields; the header has \(header.record.fields.count)")
            }
            // Every cell is checked, not only the selected columns: a broken file is broken for every series.
            var values = [Double](repeating: .nan, count: record.fields.count)
            for index in 1..<record.fields.count {
                values[index] = try parseValue(record.fields[index], missing: missing, line: record.line, file: file)
            }
            for (n, (index, _)) in columns.enumerated() {
                try builders[n].append(day, values[index], at: SourceLocation(file: file, line: record.line, column: 1))
            }
        }
        return Dictionary(uniqueKeysWithValues: builders.map { ($0.id, $0.series) })
    }
}
