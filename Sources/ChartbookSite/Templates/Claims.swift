import ChartbookCore
import ChartbookData
import Mustache

/// A statement about a series that the author asserts in a template, and that the data must bear
/// out as of the issue's date: `{{#assert.jgb_40y.record_high_1m}}…{{/assert.jgb_40y.record_high_1m}}`.
/// The text inside renders only while the claim holds; a claim the data no longer supports is
/// reported with its file and line (a warning, an error under `--strict`).
public enum ClaimName: Sendable, Equatable {
    /// The latest value is the highest (lowest) of the whole history.
    case recordHigh, recordLow
    /// The all-time high (low) was set within the window.
    case recordHighWithin(Window), recordLowWithin(Window)
    /// The latest value is the highest (lowest) since at least this year.
    case highestSince(Int), lowestSince(Int)
    /// The series rose (fell) over the window.
    case rose(Window), fell(Window)
    /// The last `n` moves, observation to observation, were all rises (falls): "up four months running".
    case upInARow(Int), downInARow(Int)
    /// The latest observation is at most this many days older than the as-of date: a figure quoted as current.
    case freshWithin(days: Int)

    public init?(_ text: String) {
        func suffix(_ prefix: String) -> String? { text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil }
        switch text {
        case "record_high": self = .recordHigh
        case "record_low": self = .recordLow
        default:
            if let w = suffix("record_high_").flatMap(Window.init) { self = .recordHighWithin(w) }
            else if let w = suffix("record_low_").flatMap(Window.init) { self = .recordLowWithin(w) }
            else if let y = suffix("highest_since_").flatMap({ Int($0) }), (1000...9999).contains(y) { self = .highestSince(y) }
            else if let y = suffix("lowest_since_").flatMap({ Int($0) }), (1000...9999).contains(y) { self = .lowestSince(y) }
            else if let w = suffix("rose_").flatMap(Window.init) { self = .rose(w) }
            else if let w = suffix("fell_").flatMap(Window.init) { self = .fell(w) }
            else if let n = suffix("up_").flatMap(ClaimName.count(inARow:)) { self = .upInARow(n) }
            else if let n = suffix("down_").flatMap(ClaimName.count(inARow:)) { self = .downInARow(n) }
            else if let d = suffix("fresh_"), d.hasSuffix("d"), let n = Int(d.dropLast()), n > 0 { self = .freshWithin(days: n) }
            else { return nil }
        }
    }

    /// `4_in_a_row` → 4.
    private static func count(inARow text: String) -> Int? {
        guard text.hasSuffix("_in_a_row"), let n = Int(text.dropLast("_in_a_row".count)), n > 0 else { return nil }
        return n
    }

    public static let help = "record_high, record_low, record_high_<window>, record_low_<window>, highest_since_<year>, lowest_since_<year>, rose_<window>, fell_<window>, up_<n>_in_a_row, down_<n>_in_a_row, fresh_<n>d"

    /// Whether the claim holds, and what the data says either way (for the message when it does not).
    public func evaluate(_ facts: Facts, info: SeriesInfo, format: LocaleFormatter) -> (Bool, String) {
        let level = { (o: Observation) in "\(format.level(o.value, units: info.units, decimals: info.decimals)) on \(o.day)" }
        guard let last = facts.last else { return (false, "the series has no data by \(facts.asOf)") }
        switch self {
        case .recordHigh, .recordLow:
            let kind: Extreme = self == .recordHigh ? .highest : .lowest
            if let previous = facts.since(kind) {
                return (false, "the latest value \(level(last)) is not a record: it was \(kind == .highest ? "at least as high" : "at least as low") at \(level(previous))")
            }
            return (true, "the latest value \(level(last)) is a record")
        case .recordHighWithin(let w), .recordLowWithin(let w):
            let kind: Extreme = { if case .recordHighWithin = self { return .highest } else { return .lowest } }()
            guard let extreme = facts.extreme(kind) else { return (false, "no data") }
            let start = w.start(endingOn: last.day)
            return extreme.day > start
                ? (true, "the record \(level(extreme)) is within \(w)")
                : (false, "the record is \(level(extreme)), earlier than the last \(w) (since \(start))")
        case .highestSince(let year), .lowestSince(let year):
            let kind: Extreme = { if case .highestSince = self { return .highest } else { return .lowest } }()
            guard let previous = facts.since(kind) else { return (true, "the latest value \(level(last)) is a record") }
            return previous.day.year <= year
                ? (true, "the last value as extreme was \(level(previous))")
                : (false, "the latest value \(level(last)) was matched or passed more recently, at \(level(previous)), after \(year)")
        case .rose(let w), .fell(let w):
            guard let change = facts.change(over: w) else { return (false, "no value \(w) before the latest") }
            let holds = { if case .rose = self { return change.delta > 0 } else { return change.delta < 0 } }()
            let text = "the change over \(w) is \(format.change(change.delta, units: info.units, decimals: info.decimals)) (from \(level(change.from)) to \(level(change.to)))"
            return (holds, text)
        case .upInARow(let n), .downInARow(let n):
            let up: Bool = { if case .upInARow = self { return true } else { return false } }()
            guard facts.observations.count > n, let streak = facts.observationStreak else {
                return (false, "only \(facts.observations.count) observations by \(facts.asOf)")
            }
            let run = streak.rising == up ? streak.count : 0
            return (run >= n, "the last \(run == 0 ? "move was not a \(up ? "rise" : "fall")" : "\(run) moves were \(up ? "rises" : "falls")"), to \(level(last))")
        case .freshWithin(let days):
            let age = facts.asOf.ordinal - last.day.ordinal
            return (age <= days, "the latest value \(level(last)) is \(age) days old on \(facts.asOf)")
        }
    }
}

/// `assert` in a template: `assert.<series>.<claim>` is true when the claim holds.
struct AssertDirectory: MustacheParent, Sendable {
    let data: DataAsOf
    let format: LocaleFormatter

    func child(named id: String) -> Any? {
        guard let info = data.info(id), let facts = data.facts(id) else { return nil }
        return AssertSeries(info: info, facts: facts, format: format)
    }
}

struct AssertSeries: MustacheParent, Sendable {
    let info: SeriesInfo
    let facts: Facts
    let format: LocaleFormatter

    func child(named name: String) -> Any? {
        ClaimName(name).map { $0.evaluate(facts, info: info, format: format).0 }
    }
}
