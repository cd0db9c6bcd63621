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
            for (n, (index, _)) in columns.enumerated() {
                guard let field = record[index] else {
                    throw SourceError(SourceLocation(file: file, line: record.line),
                                      "row has \(record.fields.count) fields; column '\(header.names[index])' is missing")
                }
                let value = try parseValue(field, missing: missing, line: record.line, file: file)
                try builders[n].append(day, value, at: SourceLocation(file: file, line: record.line, column: 1))
            }
        }
        return Dictionary(uniqueKeysWithValues: builders.map { ($0.id, $0.series) })
    }
}
