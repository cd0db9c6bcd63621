import ChartbookCore

/// Reads any delimited text table (comma, semicolon, tab), one row per date, with the layout
/// declared in the catalog: `delimiter`, `date_format`, `decimal`, `date_column`, `encoding`.
/// Handles a byte-order mark, CRLF and quoted fields holding delimiters and line breaks.
public struct DelimitedReader: SeriesReader {
    public init() {}

    public func read(_ input: ReaderInput, selections: [SeriesSelection], problems: ProblemSink) throws(SourceError) -> [String: Series] {
        let file = input.file
        let table = try DelimitedText(input.text, delimiter: input.options.delimiter, file: file)
        guard let first = table.records.first(where: { !$0.isBlank }) else { throw SourceError(SourceLocation(file: file, line: 1), "file is empty") }
        let header = HeaderRow(record: first, file: file)
        var dateIndex = 0
        if let name = input.options.dateColumn {
            guard let i = header.names.firstIndex(of: name) else {
                throw SourceError(SourceLocation(file: file, line: first.line), "no date column '\(name)' in header (\(header.names.joined(separator: ", ")))")
            }
            dateIndex = i
        }
        var columns: [(Int, SeriesSelection)] = []
        for selection in selections {
            if let column = selection.column {
                columns.append((try header.index(of: column, for: selection), selection))
            } else if header.names.count == 2 {
                columns.append((1 - dateIndex, selection))
            } else {
                throw SourceError(selection.declaredAt, "series '\(selection.id)': \(file) has several value columns; name one with 'column'")
            }
        }
        let dates = input.options.dateFormat ?? .iso
        let numbers = NumberParser(missing: [".", "-", "NA", "N/A", "#N/A"], decimalMark: input.options.decimalMark)
        var builders = columns.map { SeriesBuilder(id: $0.1.id, capacity: table.records.count) }
        for record in table.records where record.line > first.line && !record.isBlank {
            guard let field = record[dateIndex], let day = dates.parse(field.text.trimmingSpaces) else {
                try problems.error(SourceError(SourceLocation(file: file, line: record.line, column: record[dateIndex]?.column ?? 1),
                                               "cannot read date '\(record[dateIndex]?.text ?? "")'; expected \(dates.rawValue)"))
                continue
            }
            for (n, (index, _)) in columns.enumerated() {
                var value = Double.nan
                if let f = record[index] {
                    do { value = try numbers.parse(f, line: record.line, file: file) } catch { try problems.error(error); continue }
                }
                try builders[n].append(day, value, at: SourceLocation(file: file, line: record.line, column: 1), problems: problems)
            }
        }
        return Dictionary(uniqueKeysWithValues: builders.map { ($0.id, $0.series) })
    }
}
