import ChartbookCore

/// How dates are written in a data file; declared in the catalog for generic files.
public enum DateFormat: String, Sendable, CaseIterable {
    case iso = "YYYY-MM-DD"
    case slashed = "YYYY/M/D"
    case dotted = "D.M.YYYY"
    case american = "M/D/YYYY"
    case compact = "YYYYMMDD"
    case yearMonth = "YYYY-MM"
    /// Japanese era dates such as `R7.10.1` (Reiwa 7 = 2025).
    case japaneseEra = "era"

    public func parse(_ text: Substring) -> Day? {
        switch self {
        case .iso: return Day(iso: text)
        case .slashed: return Day(slashed: text)
        case .dotted:
            guard let p = Day.numbers(text, separator: "."), p.count == 3, p[2] >= 1000 else { return nil }
            return Day(year: p[2], month: p[1], day: p[0])
        case .american:
            guard let p = Day.numbers(text, separator: "/"), p.count == 3, p[2] >= 1000 else { return nil }
            return Day(year: p[2], month: p[0], day: p[1])
        case .compact:
            guard text.utf8.count == 8, let n = Int(text) else { return nil }
            return Day(year: n / 10_000, month: n / 100 % 100, day: n % 100)
        case .yearMonth:
            guard let p = Day.numbers(text, separator: "-"), p.count == 2, p[0] >= 1000 else { return nil }
            return Day(year: p[0], month: p[1], day: 1)
        case .japaneseEra:
            return JapaneseEra.parse(text)
        }
    }
}

/// Japanese era dates (和暦) as the Ministry of Finance writes them: `R7.10.1`, `H31.4.30`, `S64.1.7`.
/// A date outside its era (`H31.5.1`, Heisei having ended on 30 April 2019) is rejected.
public enum JapaneseEra {
    /// Letter, first day, last day (nil for the current era).
    static let eras: [(Character, Day, Day?)] = [
        ("M", Day(year: 1868, month: 1, day: 25)!, Day(year: 1912, month: 7, day: 29)!),
        ("T", Day(year: 1912, month: 7, day: 30)!, Day(year: 1926, month: 12, day: 24)!),
        ("S", Day(year: 1926, month: 12, day: 25)!, Day(year: 1989, month: 1, day: 7)!),
        ("H", Day(year: 1989, month: 1, day: 8)!, Day(year: 2019, month: 4, day: 30)!),
        ("R", Day(year: 2019, month: 5, day: 1)!, nil),
    ]

    public static func parse(_ text: Substring) -> Day? {
        guard let letter = text.first?.uppercased().first, let era = eras.first(where: { $0.0 == letter }),
              let parts = Day.numbers(text.dropFirst(), separator: "."), parts.count == 3, parts[0] >= 1 else { return nil }
        guard let day = Day(year: era.1.year + parts[0] - 1, month: parts[1], day: parts[2]) else { return nil }
        guard day >= era.1, era.2.map({ day <= $0 }) ?? true else { return nil }
        return day
    }
}
