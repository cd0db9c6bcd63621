import Foundation
/// A calendar day in UTC, stored as days since 1970-01-01, because market data is daily and
/// time zones must never move an observation to a neighbouring date.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Creates a day from a proleptic Gregorian date; nil when the date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.ordinal = era * 146_097 + doe - 719_468
    }

    /// Year, month (1–12) and day of month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// ISO 8601 form, `2025-05-24`.
    public var description: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Moves by whole months, clamping the day of month (31 March minus one month is 28/29 February).
    public func adding(months: Int) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + months
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        let nd = min(d, Day.daysInMonth(year: ny, month: nm))
        return Day(year: ny, month: nm, day: nd) ?? self
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses `YYYY-MM-DD` (ISO) strictly; nil otherwise.
    public init?(iso text: Substring) {
        // The usual `YYYY-MM-DD` without building a list of parts: this runs for every row of every file.
        let utf8 = text.utf8
        if utf8.count == 10, let fast = utf8.withContiguousStorageIfAvailable({ b -> Day?? in
            guard b[4] == 45, b[7] == 45 else { return .none } // another layout: the general reader below
            func number(_ range: Range<Int>) -> Int? {
                var x = 0
                for i in range {
                    let d = Int(b[i]) - 48
                    guard d >= 0 && d <= 9 else { return nil }
                    x = x * 10 + d
                }
                return x
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return .some(nil) }
            return .some(Day(year: y, month: m, day: d))
        }), let result = fast {
            guard let result else { return nil }
            self = result
            return
        }
        guard let parts = Day.numbers(text, separator: "-"), parts.count == 3,
              text.utf8.count == 10 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public init?(iso text: String) { self.init(iso: Substring(text)) }

    /// Parses `YYYY/M/D` with or without zero padding, as the Ministry of Finance writes dates.
    public init?(slashed text: Substring) {
        guard let parts = Day.numbers(text, separator: "/"), parts.count == 3, parts[0] >= 1000 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// Up to four-digit numbers between separators (`2025/5/21` → 2025, 5, 21); nil for anything else.
    public static func numbers(_ text: Substring, separator: Character) -> DateParts? {
        var out = DateParts()
        var current = 0, digits = 0
        let separator = separator.asciiValue
        for byte in text.utf8 {
            if byte >= 48 && byte <= 57 {
                current = current * 10 + Int(byte - 48)
                digits += 1
                if digits > 4 { return nil }
            } else if byte == separator, digits > 0 {
                out.append(current); current = 0; digits = 0
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        out.append(current)
        return out
    }
}

/// The numbers of a date as written (`numbers(_:separator:)`), without a heap allocation: every
/// row of every data file has a date. Holds the first three; `count` says how many there were.
public struct DateParts: Sendable {
    public private(set) var count = 0
    private var first = 0, second = 0, third = 0

    mutating func append(_ n: Int) {
        switch count {
        case 0: first = n
        case 1: second = n
        case 2: third = n
        default: break
        }
        count += 1
    }

    public subscript(index: Int) -> Int { index == 0 ? first : index == 1 ? second : third }
}

extension Day {
    /// Today's date in UTC (for the vintage log's "known since"; never used by a build, which must not depend on the clock).
    public static func today() -> Day { Day(secondsSince1970: Int(Date().timeIntervalSince1970)) }

    /// The UTC day of a moment (seconds since 1970).
    public init(secondsSince1970 seconds: Int) {
        self.init(ordinal: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    /// Midnight UTC of the day, in seconds since 1970.
    public var secondsSince1970: Int { ordinal * 86_400 }
}
