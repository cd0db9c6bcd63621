import ChartbookCore

/// A derived series written as a small expression, in the catalog or a chart spec:
/// `spread(ust_10y, jgb_10y)`, `bp(spread(ust_10y, jgb_10y))`, `change(usdjpy, 1y)`,
/// `pct_change(usdjpy, 1y)`, `rolling_mean(ust_10y, 1m)`, `resample(ust_10y, monthly, mean)`,
/// `rebase(usdjpy, 2020-01-02)`.
public indirect enum SeriesExpression: Sendable, Equatable, CustomStringConvertible {
    case series(String)
    case spread(SeriesExpression, SeriesExpression)
    case change(SeriesExpression, Window)
    case percentChange(SeriesExpression, Window)
    case rollingMean(SeriesExpression, Window)
    case resample(SeriesExpression, Frequency, Aggregate)
    case rebase(SeriesExpression, Day)
    case basisPoints(SeriesExpression)

    public enum Frequency: String, Sendable, CaseIterable { case weekly, monthly, quarterly, yearly }
    public enum Aggregate: String, Sendable, CaseIterable { case last, mean }

    public static let functions = "spread(a, b), change(a, 1y), pct_change(a, 1y), rolling_mean(a, 20d), resample(a, monthly, last|mean), rebase(a, YYYY-MM-DD), bp(a)"

    /// The series ids the expression reads.
    public var inputs: [String] {
        switch self {
        case .series(let id): return [id]
        case .spread(let a, let b): return a.inputs + b.inputs
        case .change(let a, _), .percentChange(let a, _), .rollingMean(let a, _), .resample(let a, _, _), .rebase(let a, _), .basisPoints(let a):
            return a.inputs
        }
    }

    public var description: String {
        switch self {
        case .series(let id): return id
        case .spread(let a, let b): return "spread(\(a), \(b))"
        case .change(let a, let w): return "change(\(a), \(w))"
        case .percentChange(let a, let w): return "pct_change(\(a), \(w))"
        case .rollingMean(let a, let w): return "rolling_mean(\(a), \(w))"
        case .resample(let a, let f, let g): return "resample(\(a), \(f.rawValue), \(g.rawValue))"
        case .rebase(let a, let d): return "rebase(\(a), \(d))"
        case .basisPoints(let a): return "bp(\(a))"
        }
    }

    /// Parses `text`; errors point at the offending column of `location` (where the text starts).
    public init(parsing text: String, at location: SourceLocation) throws(SourceError) {
        // Nesting is parsed by recursion: a bounded text keeps the stack bounded too.
        guard text.count <= 400 else { throw SourceError(location, "expression is \(text.count) characters long; the limit is 400") }
        var parser = Parser(chars: Array(text), location: location)
        let expression = try parser.expression()
        parser.skipSpaces()
        if parser.index < parser.chars.count { throw parser.fail("unexpected '\(parser.chars[parser.index])' after the expression") }
        self = expression
    }

    struct Parser {
        let chars: [Character]
        let location: SourceLocation
        var index = 0

        func fail(_ message: String) -> SourceError {
            SourceError(SourceLocation(file: location.file, line: location.line, column: (location.column ?? 1) + index), "in series expression: " + message)
        }

        mutating func skipSpaces() { while index < chars.count, chars[index] == " " { index += 1 } }

        mutating func word() -> String {
            skipSpaces()
            let start = index
            while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" || chars[index] == "-" || chars[index] == "." { index += 1 }
            return String(chars[start..<index])
        }

        mutating func expect(_ c: Character) throws(SourceError) {
            skipSpaces()
            guard index < chars.count, chars[index] == c else { throw fail("expected '\(c)'") }
            index += 1
        }

        mutating func expression() throws(SourceError) -> SeriesExpression {
            let start = index
            let name = word()
            guard !name.isEmpty else { throw fail("expected a series id or a function such as spread(a, b)") }
            skipSpaces()
            guard index < chars.count, chars[index] == "(" else { return .series(name) }
            index += 1
            let result: SeriesExpression
            switch name {
            case "spread":
                let a = try expression(); try expect(","); let b = try expression()
                result = .spread(a, b)
            case "change", "pct_change", "rolling_mean":
                let a = try expression(); try expect(",")
                let w = try window()
                result = name == "change" ? .change(a, w) : name == "pct_change" ? .percentChange(a, w) : .rollingMean(a, w)
            case "resample":
                let a = try expression(); try expect(",")
                let f = word()
                guard let frequency = Frequency(rawValue: f) else { throw fail("frequency must be one of \(Frequency.allCases.map(\.rawValue).joined(separator: ", "))") }
                var aggregate = Aggregate.last
                skipSpaces()
                if index < chars.count, chars[index] == "," {
                    index += 1
                    let g = word()
                    guard let a = Aggregate(rawValue: g) else { throw fail("aggregate must be last or mean") }
                    aggregate = a
                }
                result = .resample(a, frequency, aggregate)
            case "rebase":
                let a = try expression(); try expect(",")
                let d = word()
                guard let day = Day(iso: d) else { throw fail("rebase needs a date written YYYY-MM-DD") }
                result = .rebase(a, day)
            case "bp":
                result = .basisPoints(try expression())
            default:
                index = start
                throw fail("unknown function '\(name)'; functions: \(SeriesExpression.functions)")
            }
            try expect(")")
            return result
        }

        mutating func window() throws(SourceError) -> Window {
            let w = word()
            guard let window = Window(w) else { throw fail("expected a period such as 5d, 1m or 1y, found '\(w)'") }
            return window
        }
    }
}
