import ChartbookCore

/// Reads long-format tables with one row per event (e.g. one row per JGB auction), keeping the rows
/// that match a filter such as `tenor: 20-Year`; the result is a series on irregular dates.
public struct EventTableReader: SeriesReader {
    public init() {}

    public func read(text: String, file: String, selections: [SeriesSelection]) throws(SourceError) -> [String: Series] {
        let table = try DelimitedText(text, file: file)
        guard let first = table.records.first else { throw SourceError(SourceLocation(file: file, line: 1), "file is empty") }
        let header = HeaderRow(record: first, file: file)
        guard let dateIndex = header.names.firstIndex(of: "date") else {
            throw SourceError(SourceLocation(file: file, line: first.line), "no 'date' column in header")
        }
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
                guard let dateField = record[dateIndex], let day = Day(iso: dateField.text.trimmingSpaces) else {
                    throw SourceError(SourceLocation(file: file, line: record.line, column: record[dateIndex]?.column ?? 1),
                                      "cannot read date '\(record[dateIndex]?.text ?? "")'; expected YYYY-MM-DD")
                }
                guard let field = record[valueIndex] else {
                    throw SourceError(SourceLocation(file: file, line: record.line), "row has no '\(column)' field")
                }
                let value = try parseValue(field, missing: [], line: record.line, file: file)
                try builder.append(day, value, at: SourceLocation(file: file, line: record.line, column: 1))
            }
            guard builder.days.count > 0 else {
                throw SourceError(selection.declaredAt, "series '\(selection.id)': no rows in \(file) match the filter")
            }
            result[selection.id] = builder.series
        }
        return result
    }
}
