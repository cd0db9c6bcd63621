import ChartbookCore

/// Reads long-format tables with one row per event (e.g. one row per JGB auction), keeping the rows
/// that match a filter such as `tenor: 20-Year`; the result is a series on irregular dates.
public struct EventTableReader: SeriesReader {
    public init() {}

    public func read(_ input: ReaderInput, selections: [SeriesSelection], problems: ProblemSink) throws(SourceError) -> [String: Series] {
        let file = input.file
        let table = try DelimitedText(input.text, delimiter: input.options.delimiter, file: file)
        guard let first = table.records.first else { throw SourceError(SourceLocation(file: file, line: 1), "file is empty") }
        let header = HeaderRow(record: first, file: file)
        let dateName = input.options.dateColumn ?? "date"
        guard let dateIndex = header.names.firstIndex(of: dateName) else {
            throw SourceError(SourceLocation(file: file, line: first.line), "no '\(dateName)' column in header")
        }
        let dates = input.options.dateFormat ?? .iso
        let numbers = NumberParser(missing: [], decimalMark: input.options.decimalMark)
        var result: [String: Series] = [:]
        for selection in selections {
            guard let column = selection.column else {
                throw SourceError(selection.declaredAt, "series '\(selection.id)': the event-table reader needs a 'column'")
            }
            let valueIndex = try header.index(of: column, for: selection)
            var filters: [(Int, Substring)] = []
            for (name, wanted) in selection.filter.sorted(by: { $0.key < $1.key }) {
                filters.append((try header.index(of: name, for: selection), Substring(wanted)))
            }
            var builder = SeriesBuilder(id: selection.id, capacity: 256)
            for record in table.records.dropFirst() where !record.isBlank {
                guard filters.allSatisfy({ record[$0.0]?.text.trimmingSpaces == $0.1 }) else { continue }
                guard let dateField = record[dateIndex], let day = dates.parse(dateField.text.trimmingSpaces) else {
                    try problems.error(SourceError(SourceLocation(file: file, line: record.line, column: record[dateIndex]?.column ?? 1),
                                                   "cannot read date '\(record[dateIndex]?.text ?? "")'; expected \(dates.rawValue)"))
                    continue
                }
                guard let field = record[valueIndex] else {
                    try problems.error(SourceError(SourceLocation(file: file, line: record.line), "row has no '\(column)' field"))
                    continue
                }
                do {
                    let value = try numbers.parse(field, line: record.line, file: file)
                    try builder.append(day, value, at: SourceLocation(file: file, line: record.line, column: 1), problems: problems)
                } catch {
                    try problems.error(error)
                }
            }
            if builder.days.isEmpty {
                try problems.error(SourceError(selection.declaredAt, "series '\(selection.id)': no rows in \(file) match the filter"))
            }
            result[selection.id] = builder.series
        }
        return result
    }
}
