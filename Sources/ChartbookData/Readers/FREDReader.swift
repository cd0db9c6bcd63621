import ChartbookCore

/// Reads FRED downloads in all their shapes: `observation_date,ID` (current), `DATE,ID` (old),
/// and `date,value` or `date,ID` as re-saved by scripts; missing values are empty or `.`.
public struct FREDReader: SeriesReader {
    public init() {}

    static let dateHeaders: Set<String> = ["observation_date", "DATE", "date"]

    public func read(_ input: ReaderInput, selections: [SeriesSelection], problems: ProblemSink) throws(SourceError) -> [String: Series] {
        let file = input.file
        let table = try DelimitedText(input.text, file: file)
        guard let first = table.records.first, let dateName = first[0]?.text.trimmingSpaces,
              Self.dateHeaders.contains(String(dateName)) else {
            throw SourceError(SourceLocation(file: file, line: 1, column: 1),
                              "expected a FRED header starting with observation_date, DATE or date")
        }
        let header = HeaderRow(record: first, file: file)
        var columns: [(Int, SeriesSelection)] = []
        for selection in selections {
            if let column = selection.column {
                columns.append((try header.index(of: column, for: selection), selection))
            } else if header.names.count == 2 {
                columns.append((1, selection))
            } else {
                throw SourceError(selection.declaredAt, "series '\(selection.id)': \(file) has several value columns; name one with 'column'")
            }
        }
        var builders = columns.map { SeriesBuilder(id: $0.1.id, capacity: table.records.count) }
        let numbers = NumberParser(missing: ["."])
        for record in table.records.dropFirst() where !record.isBlank {
            guard let dateField = record[0], let day = Day(iso: dateField.text.trimmingSpaces) else {
                try problems.error(SourceError(SourceLocation(file: file, line: record.line, column: record[0]?.column ?? 1),
                                               "cannot read date '\(record[0]?.text ?? "")'; expected YYYY-MM-DD"))
                continue
            }
            for (n, (index, _)) in columns.enumerated() {
                // A row cut short before the value column is a missing value, as FRED writes `2025-05-26,`.
                var value = Double.nan
                if let field = record[index] {
                    do { value = try numbers.parse(field, line: record.line, file: file) } catch { try problems.error(error); continue }
                }
                try builders[n].append(day, value, at: SourceLocation(file: file, line: record.line, column: 1), problems: problems)
            }
        }
        return Dictionary(uniqueKeysWithValues: builders.map { ($0.id, $0.series) })
    }
}
