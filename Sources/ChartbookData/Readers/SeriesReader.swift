import ChartbookCore

/// What one catalog series takes from its file: a column, and for long tables a row filter.
public struct SeriesSelection: Sendable {
    public var id: String
    /// Header of the value column (or, for TIC files, the country); nil means "the only value column".
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

/// How a file is written, when its reader cannot tell by itself: declared per file in the catalog.
public struct FileOptions: Sendable, Hashable {
    public var encoding = TextEncoding.utf8
    public var delimiter: Character = ","
    public var dateFormat: DateFormat?
    /// `.` or `,` (as in `3,25` in much of Europe).
    public var decimalMark: Character = "."
    /// Name of the date column for generic tables (default: the first column).
    public var dateColumn: String?

    public init() {}
}

/// A file's text with its name (as shown in messages) and declared options.
public struct ReaderInput: Sendable {
    public var text: String
    public var file: String
    public var options: FileOptions

    public init(text: String, file: String, options: FileOptions = FileOptions()) {
        self.text = text
        self.file = file
        self.options = options
    }
}

/// Turns the text of one publisher's file into series. Each publisher layout is one reader, chosen in the catalog.
public protocol SeriesReader: Sendable {
    /// Reads the selected columns, keyed by series id. Problems go to `problems`: in fail-fast mode
    /// the first one throws; in collect mode the bad row is skipped and reading goes on.
    func read(_ input: ReaderInput, selections: [SeriesSelection], problems: ProblemSink) throws(SourceError) -> [String: Series]
}

extension SeriesReader {
    /// Reads with fail-fast error handling.
    public func read(text: String, file: String, selections: [SeriesSelection], options: FileOptions = FileOptions()) throws(SourceError) -> [String: Series] {
        try read(ReaderInput(text: text, file: file, options: options), selections: selections, problems: ProblemSink(mode: .failFast))
    }
}

/// The readers a catalog can name, by the name it uses.
public enum ReaderRegistry {
    public static let names = ["mof-jgb", "fred", "event-table", "tic-mfh", "delimited"]

    public static func reader(named name: String) -> (any SeriesReader)? {
        switch name {
        case "mof-jgb": return MoFYieldReader()
        case "fred": return FREDReader()
        case "event-table": return EventTableReader()
        case "tic-mfh": return TICHoldingsReader()
        case "delimited": return DelimitedReader()
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
    var lines: [Int32] = []

    init(id: String, capacity: Int) {
        self.id = id
        days.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
    }

    /// Appends, or reports a duplicate or out-of-order date (and skips the row when collecting).
    mutating func append(_ day: Day, _ value: Double, at location: SourceLocation, problems: ProblemSink) throws(SourceError) {
        if let last = days.last, day <= last {
            try problems.error(SourceError(location, day == last ? "duplicate date \(day)" : "dates out of order: \(day) comes after \(last)"))
            return
        }
        days.append(day)
        values.append(value)
        lines.append(Int32(clamping: location.line ?? 0))
    }

    var series: Series { Series(id: id, days: days, values: values, sourceLines: lines) }
}

/// Parses numeric cells: the given markers (and an empty cell) mean "missing" and give NaN.
struct NumberParser {
    /// A handful of markers: a linear scan beats hashing every cell.
    var missing: [Substring]
    var decimalMark: Character = "."

    func parse(_ field: Field, line: Int, file: String) throws(SourceError) -> Double {
        var text = field.text.trimmingSpaces
        if text.isEmpty || missing.contains(where: { $0 == text }) { return .nan }
        if decimalMark != "." {
            text = Substring(text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: String(decimalMark), with: "."))
        }
        guard let value = Self.plainDecimal(text) ?? Double(text), value.isFinite else {
            throw SourceError(SourceLocation(file: file, line: line, column: field.column), "not a number: '\(field.text)'")
        }
        return value
    }

    /// `-12.345`-style text with at most 15 significant digits, read exactly as `Double(text)`
    /// (strtod) reads it but without its generality: the digits form an integer that a Double
    /// holds exactly, and dividing it by an exact power of ten rounds correctly, once. Anything
    /// else (exponents, long mantissas, `1.`) is nil and goes to `Double(text)`.
    static func plainDecimal(_ text: Substring) -> Double? {
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, negative = false, seenPoint = false, significant = 0
        var index = 0
        for b in text.utf8 {
            defer { index += 1 }
            if b >= 48 && b <= 57 {
                mantissa = mantissa &* 10 &+ UInt64(b - 48)
                digits += 1
                if mantissa > 0 { significant += 1 }
                if seenPoint { fraction += 1 }
            } else if b == 46 && !seenPoint && digits > 0 {
                seenPoint = true
            } else if index == 0 && (b == 45 || b == 43) {
                negative = b == 45
            } else {
                return nil
            }
        }
        guard digits > 0, significant <= 15, fraction <= 22, !(seenPoint && fraction == 0) else { return nil }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        // By bytes: spaces and tabs are ASCII, so every cut falls between characters.
        let s = Substring(self)
        // Nearly every cell has nothing to trim: say so from its first and last bytes.
        let utf8 = s.utf8
        guard let first = utf8.first, let last = utf8.last, first == 32 || first == 9 || last == 32 || last == 9 else { return s }
        var start = s.utf8.startIndex, end = s.utf8.endIndex
        while start < end, s.utf8[start] == 32 || s.utf8[start] == 9 { start = s.utf8.index(after: start) }
        while start < end, case let last = s.utf8.index(before: end), s.utf8[last] == 32 || s.utf8[last] == 9 { end = last }
        return s[start..<end]
    }
}
