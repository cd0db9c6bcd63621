import ChartbookCharts
import ChartbookCore
import ChartbookData
import Mustache

/// The facts a template can name under `series.<id>.`: the grammar shared by rendering and by the
/// up-front check that reports an unknown name at its line and column.
public enum FactName: Sendable, Equatable {
    case name, label, source, units
    case last
    /// The observation before the latest (the previous auction, the previous month).
    case previous
    /// The change from the previous observation to the latest.
    case changePrevious
    case high(Window?)
    case low(Window?)
    case change(Window)
    case highestSince
    case lowestSince
    /// A word-sized chart of the window, inline in the sentence.
    case sparkline(Window)
    /// Rank of the latest value in the whole history (1 = highest), and its percentile.
    case rank
    case percentile
    /// Consecutive same-direction moves ending now: `streak_weekly`, `streak_monthly` ….
    case streak(SeriesExpression.Frequency)

    public init?(_ text: String) {
        switch text {
        case "name": self = .name
        case "label": self = .label
        case "source": self = .source
        case "units": self = .units
        case "last": self = .last
        case "previous": self = .previous
        case "change_prev": self = .changePrevious
        case "high": self = .high(nil)
        case "low": self = .low(nil)
        case "highest_since": self = .highestSince
        case "lowest_since": self = .lowestSince
        case "rank": self = .rank
        case "percentile": self = .percentile
        default:
            if text.hasPrefix("change_"), let w = Window(String(text.dropFirst(7))) { self = .change(w) }
            else if text.hasPrefix("high_"), let w = Window(String(text.dropFirst(5))) { self = .high(w) }
            else if text.hasPrefix("low_"), let w = Window(String(text.dropFirst(4))) { self = .low(w) }
            else if text.hasPrefix("sparkline_"), let w = Window(String(text.dropFirst(10))) { self = .sparkline(w) }
            else if text.hasPrefix("streak_"), let f = SeriesExpression.Frequency(rawValue: String(text.dropFirst(7))) { self = .streak(f) }
            else { return nil }
        }
    }

    /// The fields one level further down (`series.x.last.date`), or nil when the fact has none.
    public var fields: [String]? {
        switch self {
        case .name, .label, .source, .units, .sparkline, .percentile: return nil
        case .rank: return RankContext.fields
        case .streak: return StreakContext.fields
        case .last, .previous, .high, .low: return ObservationContext.fields
        case .change, .changePrevious: return ChangeContext.fields
        case .highestSince, .lowestSince: return SinceContext.fields
        }
    }

    public static let help = "name, label, source, units, last, previous, change_prev, high, low, high_<window>, low_<window>, change_<window>, highest_since, lowest_since, rank, percentile, streak_<weekly|monthly|quarterly|yearly>, sparkline_<window> (windows: 5d, 1w, 3m, 1y, ytd …)"
}

/// `series` in a template: each catalog id, with facts as of the issue's date.
struct SeriesDirectory: MustacheParent, Sendable {
    let data: DataAsOf
    let format: LocaleFormatter
    let figures: InlineFigures
    let misses: LookupMisses

    func child(named id: String) -> Any? {
        guard let info = data.info(id) else { return nil } // unknown ids are refused before rendering
        guard let facts = data.facts(id) else {
            misses.record("series.\(id)", "has no data as of \(data.day)")
            return nil
        }
        return SeriesContext(info: info, facts: facts, format: format, figures: figures, misses: misses, asOf: data.day)
    }
}

/// One series' facts, computed on demand when a template names them.
struct SeriesContext: MustacheParent, Sendable {
    let info: SeriesInfo
    let facts: Facts
    let format: LocaleFormatter
    let figures: InlineFigures
    let misses: LookupMisses
    let asOf: Day

    func child(named text: String) -> Any? {
        guard let fact = FactName(text) else { return nil }
        let value = value(fact)
        if value == nil { missed(text) }
        return value
    }

    /// Records that `path` (below this series) gave nothing as of the issue's date.
    func missed(_ path: String) {
        let n = facts.observations.count
        misses.record("series.\(info.id).\(path)",
                      "cannot be computed from the data as of \(asOf) (\(n) observation\(n == 1 ? "" : "s")\(facts.last.map { ", the latest on \($0.day)" } ?? "")); guard it with {{#series.\(info.id).\(path.split(separator: ".").first ?? "")}}…{{/…}} or choose another window")
    }

    private func value(_ fact: FactName) -> Any? {
        let lang = format.language
        switch fact {
        // Catalog text lands in Markdown source: escaped, it stays text (never a link or emphasis).
        case .name: return Escape.markdown(info.name.text(lang))
        case .label: return Escape.markdown(info.label.text(lang))
        case .source: return Escape.markdown(info.source.credit(lang))
        case .units: return info.units.rawValue
        case .last: return facts.last.map { observation($0) }
        case .previous: return facts.previous.map { observation($0) }
        case .changePrevious:
            guard let last = facts.last, let previous = facts.previous else { return nil }
            return ChangeContext(change: Change(from: previous, to: last), info: info, format: format, series: self, path: "change_prev")
        case .high(let w): return facts.extreme(.highest, within: w).map { observation($0) }
        case .low(let w): return facts.extreme(.lowest, within: w).map { observation($0) }
        case .change(let w): return facts.change(over: w).map { ChangeContext(change: $0, info: info, format: format, series: self, path: "change_\(w)") }
        case .highestSince: return SinceContext(previous: facts.since(.highest), series: self, path: "highest_since")
        case .lowestSince: return SinceContext(previous: facts.since(.lowest), series: self, path: "lowest_since")
        case .sparkline(let w): return sparkline(w)
        case .rank: return facts.rank.map { RankContext(position: $0.position, total: $0.of, format: format) }
        case .percentile: return facts.percentile.map { DecimalFormat.fixed($0, decimals: 0) }
        case .streak(let f): return facts.streak(f).map { StreakContext(streak: $0, format: format) }
        }
    }

    /// The placeholder for a sparkline of the window; its label states the last value, high and low.
    func sparkline(_ window: Window) -> String? {
        guard let last = facts.last else { return nil }
        let start = window.start(endingOn: last.day)
        let points = facts.observations.filter { $0.day > start }
        guard let hi = points.max(by: { $0.value < $1.value }), let lo = points.min(by: { $0.value < $1.value }) else { return nil }
        let fmt = { (v: Double) in format.level(v, units: info.units, decimals: info.decimals) }
        let label = format.language == .zh
            ? "\(info.name.text(.zh))走势：最新\(fmt(last.value))，最高\(fmt(hi.value))，最低\(fmt(lo.value))"
            : "\(info.name.text(.en)) trend: latest \(fmt(last.value)), high \(fmt(hi.value)), low \(fmt(lo.value))"
        let series = ChartSeries(label: info.label.text(format.language), days: points.map(\.day), values: points.map(\.value))
        return figures.add(Sparkline(series: series, label: label).render())
    }

    func observation(_ o: Observation) -> ObservationContext { ObservationContext(observation: o, info: info, format: format, asOf: asOf) }
}

/// An observation: renders as its formatted value; `.date`, `.month`, `.year`, `.raw`, `.iso` for parts.
/// Dates are written as a newsroom writes them relative to the issue: no year in the issue's own
/// year (`22 May`, `in April`), the weekday within the week before it (`Friday`); `.date_full` and
/// `.month_full` always carry the year.
struct ObservationContext: MustacheParent, MustacheCustomRenderable, Sendable {
    let observation: Observation
    let info: SeriesInfo
    let format: LocaleFormatter
    /// The issue's as-of date, which relative dates count from.
    let asOf: Day
    static let fields = ["value", "raw", "date", "month", "year", "iso", "date_full", "month_full", "weekday"]

    var renderText: String { format.level(observation.value, units: info.units, decimals: info.decimals) }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "value": return renderText
        case "raw": return DecimalFormat.fixed(observation.value, decimals: info.decimals)
        case "date": return format.date(observation.day, relativeTo: asOf)
        case "month": return format.monthYear(observation.day, relativeTo: asOf)
        case "weekday": return format.weekday(observation.day, relativeTo: asOf)
        case "date_full": return format.date(observation.day)
        case "month_full": return format.monthYear(observation.day)
        case "year": return String(observation.day.year)
        case "iso": return observation.day.description
        default: return nil
        }
    }
}

/// A change over a window: renders as `+12bp`; `rose`/`fell` let prose choose its verb in the template.
struct ChangeContext: MustacheParent, MustacheCustomRenderable, Sendable {
    let change: Change
    let info: SeriesInfo
    let format: LocaleFormatter
    let series: SeriesContext
    /// The fact's name under the series (`change_1m`), for reporting a field that gives nothing.
    let path: String
    static let fields = ["text", "abs", "pct", "pct_abs", "rose", "fell", "unchanged", "from", "to"]

    var renderText: String { format.change(change.delta, units: info.units, decimals: info.decimals) }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "text": return renderText
        case "abs": return format.magnitude(change.delta, units: info.units, decimals: info.decimals)
        case "pct":
            guard let percent = change.percent else { series.missed(path + ".pct"); return nil }
            return format.percentChange(percent)
        case "pct_abs":
            // "5.9% fewer yen": the size of the move, for sentences whose verb gives its direction.
            guard let percent = change.percent else { series.missed(path + ".pct_abs"); return nil }
            return DecimalFormat.fixed(abs(percent), decimals: 1) + "%"
        case "rose": return change.delta > 0
        case "fell": return change.delta < 0
        case "unchanged": return change.delta == 0
        case "from": return series.observation(change.from)
        case "to": return series.observation(change.to)
        default: return nil
        }
    }
}

/// "Highest/lowest since": renders as the month of the earlier observation (`2012年8月`), or empty
/// when there is none; `record` is true then.
struct SinceContext: MustacheParent, MustacheCustomRenderable, Sendable {
    let previous: Observation?
    let series: SeriesContext
    let path: String
    static let fields = ["date", "month", "year", "value", "iso", "record", "found"]

    var renderText: String { previous.map { series.format.monthYear($0.day) } ?? "" }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "record": return previous == nil
        case "found": return previous != nil
        default:
            // A record has no earlier value to date: `{{#….found}}` guards these fields.
            guard let previous else { series.missed(path + "." + name); return nil }
            return series.observation(previous).child(named: name)
        }
    }
}

/// The latest value's rank in history: renders as the position (`1`); `.of` is the history's length.
struct RankContext: MustacheParent, MustacheCustomRenderable, Sendable {
    let position: Int
    let total: Int
    let format: LocaleFormatter
    static let fields = ["position", "of", "top", "ordinal"]

    var renderText: String { String(position) }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "position": return String(position)
        case "of": return DecimalFormat.grouped(String(total))
        case "top": return position == 1
        case "ordinal": return format.ordinal(position)
        default: return nil
        }
    }
}

/// A run of same-direction moves: renders as the count; `.ordinal` gives "third" / "第三",
/// `.rising` and `.falling` choose the verb in the template.
struct StreakContext: MustacheParent, MustacheCustomRenderable, Sendable {
    let streak: Facts.Streak
    let format: LocaleFormatter
    static let fields = ["count", "ordinal", "rising", "falling", "flat"]

    var renderText: String { String(streak.count) }
    var isNull: Bool { false }

    func child(named name: String) -> Any? {
        switch name {
        case "count": return String(streak.count)
        case "ordinal": return format.ordinal(streak.count)
        case "rising": return streak.count > 0 && streak.rising
        case "falling": return streak.count > 0 && !streak.rising
        case "flat": return streak.count == 0
        default: return nil
        }
    }
}
