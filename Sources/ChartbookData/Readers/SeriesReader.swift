import ChartbookCore

/// What one catalog series takes from its file: a column, and for long tables a row filter.
public struct SeriesSelection: Sendable {
    public var id: String
    /// Header of the value column; nil means "the file's only value column".
    public var column: String?
    /// Keep only rows whose named columns hold these values (long-format tables).
    public var filter: [String: String]
    /// Where the series is declared, for errors about the selection itself.
    public var declaredAt: SourceLocation

    public init(id: String, column: String?, filter: [String: String] = [:], declaredAt: SourceLocation) {
        self.id = id
        self.column = column
        self.filter = filter
        self.declaredAt = declaredAt
    }
}

/// Turns the text of one publisher's file into series. Each publisher layout is one reader, chosen in the catalog.
public protocol SeriesReader: Sendable {
    /// Reads the selected columns of `text` (the contents of `file`), keyed by series id.
    func read(text: String, file: String, selections: [SeriesSelection]) throws(SourceError) -> [String: Series]
}

/// The readers a catalog can name, by the name it uses.
public enum ReaderRegistry {
    public static let names = ["mof-jgb", "fred", "event-table"]

    public static func reader(named name: String) -> (any SeriesReader)? {
        switch name {
        case "mof-jgb": return MoFYieldReader()
        case "fred": return FREDReader()
        case "event-table": return EventTableReader()
        default: return nil
        }
    }
}

/// The header row of a table, mapping column names to indices with errors that name the file.
struct HeaderRow {
    let record: Record
    let file: String
    var names: [String] { record.fields.map { String($0.text.trimmingSpaces) } }

    func index(of column: String, for selection: SeriesSelection) throws(SourceError) -> Int {
        if let i = names.firstIndex(of: column) { return i }
        throw SourceError(selection.declaredAt,
                          "series '\(selection.id)': column '\(column)' not found in \(file) (line \(record.line) has: \(names.joined(separator: ", ")))")
    }
}

/// Collects observations for one series, insisting on strictly increasing dates.
struct SeriesBuilder {
    let id: String
    var days: [Day] = []
    var values: [Double] = []

    init(id: String, capacity: Int) {
        self.id = id
        days.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    mutating func append(_ day: Day, _ value: Double, at location: SourceLocation) throws(SourceError) {
        if let last = days.last, day <= last {
            throw SourceError(location, day == last ? "duplicate date \(day)" : "dates out of order: \(day) comes after \(last)")
        }
        days.append(day)
        values.append(value)
    }

    var series: Series { Series(id: id, days: days, values: values) }
}

/// Parses a numeric cell; the given markers (and an empty cell) mean "missing" and give NaN.
func parseValue(_ field: Field, missing: Set<Substring>, line: Int, file: String) throws(SourceError) -> Double {
    let text = field.text.trimmingSpaces
    if text.isEmpty || missing.contains(text) { return .nan }
    guard let value = Double(text), value.isFinite else {
        throw SourceError(SourceLocation(file: file, line: line, column: field.column), "not a number: '\(text)'")
    }
    return value
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
