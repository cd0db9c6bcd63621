import ChartbookCore

/// What a writer might lead with on a given day: for every series in the catalog, the records and
/// multi-year highs and lows, streaks, moves that are large for that series over a week, a month or
/// a year, and one series crossing another (or zero). Each finding carries a score of how unusual it
/// is, so the list can be read from the top, and the template tag that quotes it in prose. Only data
/// published by the day are seen (it reads a `DataAsOf`).
public enum Notable {
    /// One thing worth writing about.
    public struct Finding: Sendable, Equatable {
        public var series: String
        /// What happened, in plain words with the numbers.
        public var text: String
        /// How unusual, roughly "years of history this is the most since" or its equivalent; higher is rarer.
        public var score: Double
        /// A tag that quotes or checks it, e.g. `{{#assert.jgb_40y.record_high_1m}}…{{/assert.jgb_40y.record_high_1m}}`.
        public var tag: String
    }

    /// Findings for every series as of the data's day, most unusual first.
    public static func find(_ data: DataAsOf) -> [Finding] {
        var found: [Finding] = []
        var latest: [(info: SeriesInfo, facts: Facts)] = []
        for info in data.catalog.series {
            guard let facts = data.facts(info.id), let last = facts.last, facts.observations.count >= 10 else { continue }
            // A series that stopped long before the day is history, not news.
            let period = Double(last.day.ordinal - facts.observations[facts.observations.count - 2].day.ordinal)
            guard Double(data.day.ordinal - last.day.ordinal) <= max(14, period * 2.5) else { continue }
            latest.append((info, facts))
            // A daily series sampled at each week's (or month's) end repeats the daily series' records
            // and moves a day or two late: only its streak (up four weeks running) is its own news.
            if case .resample(.series(let source), _, .last)? = info.expression, data.catalog.info(source) != nil {
                found += streak(info, facts)
                continue
            }
            found += extremes(info, facts)
            found += streak(info, facts)
            found += moves(info, facts)
        }
        found += crossings(latest, day: data.day)
        return found.sorted { ($0.score, $1.series, $1.text) > ($1.score, $0.series, $0.text) }
    }

    static func years(_ from: Day, _ to: Day) -> Double { Double(to.ordinal - from.ordinal) / 365.25 }

    static func value(_ info: SeriesInfo, _ o: Observation) -> String {
        DecimalFormat.fixed(o.value, decimals: info.decimals) + info.units.compactSuffix
    }

    /// Records and highest/lowest-since, for the latest value and for any record set in the past month.
    static func extremes(_ info: SeriesInfo, _ facts: Facts) -> [Finding] {
        guard let last = facts.last, let first = facts.observations.first else { return [] }
        var out: [Finding] = []
        let history = years(first.day, last.day)
        for kind in [Extreme.highest, .lowest] {
            let word = kind == .highest ? "highest" : "lowest"
            if let previous = facts.since(kind) {
                // The last time it was at least this extreme: news if that was more than a year ago.
                let span = years(previous.day, last.day)
                let year = previous.day.year
                if span >= 1 { out.append(Finding(series: info.id,
                                   text: "\(info.id) at \(value(info, last)) on \(last.day) is the \(word) since \(year) (\(value(info, previous)) on \(previous.day))",
                                   score: span, tag: "{{#assert.\(info.id).\(word)_since_\(year)}}…{{series.\(info.id).\(word)_since}}…{{/assert.\(info.id).\(word)_since_\(year)}}")) }
            } else {
                out.append(Finding(series: info.id, text: "\(info.id) at \(value(info, last)) on \(last.day) is a record \(kind == .highest ? "high" : "low") (data since \(first.day.year))",
                                   score: history + 1, tag: "{{#assert.\(info.id).record_\(kind == .highest ? "high" : "low")}}…{{/assert.\(info.id).record_\(kind == .highest ? "high" : "low")}}"))
                continue
            }
            // A record set within the past month, though the latest value has come off it.
            if let extreme = facts.extreme(kind), extreme.day > Window.months(1).start(endingOn: last.day), extreme.day != last.day {
                let name = "record_\(kind == .highest ? "high" : "low")_1m"
                out.append(Finding(series: info.id, text: "\(info.id) set a record \(kind == .highest ? "high" : "low") of \(value(info, extreme)) on \(extreme.day) (data since \(first.day.year)); latest \(value(info, last))",
                                   score: history, tag: "{{#assert.\(info.id).\(name)}}…{{series.\(info.id).\(kind == .highest ? "high" : "low")}}…{{/assert.\(info.id).\(name)}}"))
            }
        }
        return out
    }

    /// A run of at least three moves the same way, observation to observation.
    static func streak(_ info: SeriesInfo, _ facts: Facts) -> [Finding] {
        guard let streak = facts.observationStreak, streak.count >= 3, let last = facts.last else { return [] }
        let (up, run) = (streak.rising, streak.count)
        let name = "\(up ? "up" : "down")_\(run)_in_a_row"
        return [Finding(series: info.id, text: "\(info.id) \(up ? "rose" : "fell") \(run) times in a row, to \(value(info, last)) on \(last.day)",
                        score: Double(run - 2), tag: "{{#assert.\(info.id).\(name)}}…{{/assert.\(info.id).\(name)}}")]
    }

    /// The latest change over a week, a month and a year, against every change over that span in the
    /// series' history: a finding when it is in the largest 5 %.
    static func moves(_ info: SeriesInfo, _ facts: Facts) -> [Finding] {
        guard let last = facts.last else { return [] }
        let o = facts.observations
        var out: [Finding] = []
        for (window, name, days) in [(Window.weeks(1), "1w", 7), (Window.months(1), "1m", 30), (Window.years(1), "1y", 365)] {
            guard let change = facts.change(over: window), change.from.day < last.day else { continue }
            // Every historical change over the same span, found with a second index walking behind the first.
            var sizes: [Double] = []
            var j = 0
            for i in o.indices {
                while j + 1 < i && o[j + 1].day.ordinal <= o[i].day.ordinal - days { j += 1 }
                guard o[j].day.ordinal <= o[i].day.ordinal - days else { continue }
                sizes.append(abs(o[i].value - o[j].value))
            }
            guard sizes.count >= 40 else { continue }
            let size = abs(change.delta)
            let larger = sizes.filter { $0 > size }.count
            let share = Double(larger) / Double(sizes.count)
            guard share <= 0.05 else { continue }
            let direction = change.delta > 0 ? "rose" : "fell"
            out.append(Finding(series: info.id,
                               text: "\(info.id) \(direction) \(DecimalFormat.fixed(size, decimals: info.decimals)) over \(window) to \(value(info, last)): larger than \(Int(((1 - share) * 100).rounded(.down)))% of its moves over \(window) since \(o[0].day.year)",
                               score: min(10, 1 / max(share, 0.001) / 10), tag: "{{series.\(info.id).change_\(name)}}"))
        }
        return out
    }

    /// One series passing another of the same units and data file over its latest month (holders of
    /// Treasuries changing places), or a spread changing sign over the past month.
    static func crossings(_ series: [(info: SeriesInfo, facts: Facts)], day: Day) -> [Finding] {
        var out: [Finding] = []
        let monthAgo = Window.months(1).start(endingOn: day)
        for i in series.indices {
            let (info, facts) = series[i]
            // Zero: a spread or a change turning.
            if let last = facts.last, let before = facts.value(on: monthAgo), (last.value > 0) != (before.value > 0), before.value != 0, last.value != 0 {
                out.append(Finding(series: info.id, text: "\(info.id) turned \(last.value > 0 ? "positive" : "negative") (\(value(info, before)) on \(before.day), \(value(info, last)) on \(last.day))",
                                   score: 3, tag: "{{series.\(info.id).last}}"))
            }
            for k in series.indices where k > i {
                let (other, otherFacts) = series[k]
                guard other.units == info.units, other.file == info.file, !info.file.isEmpty,
                      let now = facts.last, let otherNow = otherFacts.value(on: now.day), otherNow.day == now.day,
                      let then = facts.value(on: now.day.adding(days: -28)), let otherThen = otherFacts.value(on: then.day), otherThen.day == then.day,
                      (now.value > otherNow.value) != (then.value > otherThen.value) else { continue }
                let (ahead, behind) = now.value > otherNow.value ? (info, other) : (other, info)
                let (aheadValue, behindValue) = now.value > otherNow.value ? (now, otherNow) : (otherNow, now)
                out.append(Finding(series: ahead.id,
                                   text: "\(ahead.id) passed \(behind.id): \(value(ahead, aheadValue)) against \(value(behind, behindValue)) on \(now.day)",
                                   score: 4, tag: "{series: \(ahead.id), rank: …, among: [\(ahead.id), \(behind.id), …]} in a chart's claims"))
            }
        }
        return out
    }
}
