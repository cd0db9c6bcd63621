import ChartbookCore

/// A look-back period such as `5d`, `1w`, `3m`, `1y` or `ytd`, used by facts and chart ranges.
public enum Window: Hashable, Sendable, CustomStringConvertible {
    case days(Int)
    case weeks(Int)
    case months(Int)
    case years(Int)
    case yearToDate

    /// Parses `5d`, `1w`, `3m`, `10y`, `ytd`; nil for anything else.
    public init?(_ text: String) {
        if text == "ytd" { self = .yearToDate; return }
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0, count <= 10_000 else { return nil }
        switch unit {
        case "d": self = .days(count)
        case "w": self = .weeks(count)
        case "m": self = .months(count)
        case "y": self = .years(count)
        default: return nil
        }
    }

    /// The first day of the window that ends on `end`.
    public func start(endingOn end: Day) -> Day {
        switch self {
        case .days(let n): return end.adding(days: -n)
        case .weeks(let n): return end.adding(days: -7 * n)
        case .months(let n): return end.adding(months: -n)
        case .years(let n): return end.adding(months: -12 * n)
        case .yearToDate: return Day(year: end.year - 1, month: 12, day: 31) ?? end
        }
    }

    public var description: String {
        switch self {
        case .days(let n): return "\(n)d"
        case .weeks(let n): return "\(n)w"
        case .months(let n): return "\(n)m"
        case .years(let n): return "\(n)y"
        case .yearToDate: return "ytd"
        }
    }
}
