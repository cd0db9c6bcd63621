import ChartbookCore

/// A change between two observations of a series.
public struct Change: Sendable, Hashable {
    public var from: Observation
    public var to: Observation

    public init(from: Observation, to: Observation) {
        self.from = from
        self.to = to
    }
    public var delta: Double { to.value - from.value }
    /// Relative change in percent; nil when the start is zero.
    public var percent: Double? { from.value == 0 ? nil : (to.value / from.value - 1) * 100 }
}

/// Which end of a series' range a fact is about.
public enum Extreme: Sendable {
    case highest
    case lowest

    func beats(_ a: Double, _ b: Double) -> Bool { self == .highest ? a > b : a < b }
    func atLeastAsExtreme(_ a: Double, _ b: Double) -> Bool { self == .highest ? a >= b : a <= b }
}

/// What prose and claims may say about one series as of a date. The series is cut at that date on
/// creation, so a fact about a past issue can never see later data.
public struct Facts: Sendable {
    public let asOf: Day
    public let observations: [Observation]

    public init(series: Series, asOf: Day) {
        self.asOf = asOf
        self.observations = series.truncated(through: asOf).observations
    }

    /// The latest observation on or before the as-of date.
    public var last: Observation? { observations.last }

    /// The observation before the latest one.
    public var previous: Observation? { observations.count >= 2 ? observations[observations.count - 2] : nil }

    /// The latest observation on or before `day`.
    public func value(on day: Day) -> Observation? {
        var lo = 0, hi = observations.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if observations[mid].day <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? observations[lo - 1] : nil
    }

    /// The change from the window's start (the last observation on or before it) to the last observation.
    public func change(over window: Window) -> Change? {
        guard let last, let start = value(on: window.start(endingOn: last.day)), start.day < last.day else { return nil }
        return Change(from: start, to: last)
    }

    /// The highest or lowest observation, over the whole history or within a window ending at the last observation.
    /// Ties go to the most recent date.
    public func extreme(_ kind: Extreme, within window: Window? = nil) -> Observation? {
        guard let last else { return nil }
        let start = window?.start(endingOn: last.day)
        var best: Observation?
        for o in observations where start.map({ o.day > $0 }) ?? true {
            if best == nil || !kind.beats(best!.value, o.value) { best = o }
        }
        return best
    }

    /// "Highest/lowest since": the last earlier observation at least as high (or low) as the latest one.
    /// Nil when there is none, i.e. the latest value is a record over the whole history.
    public func since(_ kind: Extreme) -> Observation? {
        guard let last else { return nil }
        for o in observations.dropLast().reversed() where kind.atLeastAsExtreme(o.value, last.value) { return o }
        return nil
    }

    /// True when the latest value is strictly above (or below) every earlier value.
    public func isRecord(_ kind: Extreme) -> Bool { last != nil && since(kind) == nil }
}

extension Facts {
    /// Where the latest value ranks in the whole history: 1 is the highest (ties share the better rank).
    public var rank: (position: Int, of: Int)? {
        guard let last else { return nil }
        let higher = observations.reduce(0) { $0 + ($1.value > last.value ? 1 : 0) }
        return (higher + 1, observations.count)
    }

    /// The share of the history at or below the latest value, 0–100.
    public var percentile: Double? {
        guard let last, !observations.isEmpty else { return nil }
        let atOrBelow = observations.reduce(0) { $0 + ($1.value <= last.value ? 1 : 0) }
        return Double(atOrBelow) / Double(observations.count) * 100
    }

    /// A run of same-direction moves ending at the latest period: "the third straight weekly rise".
    public struct Streak: Sendable, Equatable {
        /// Number of consecutive periods that moved the same way (0 when the last period was flat).
        public var count: Int
        public var rising: Bool

        public init(count: Int, rising: Bool) {
            self.count = count
            self.rising = rising
        }
    }

    /// The run of same-direction moves from one observation to the next, ending at the latest
    /// ("up four months running" in monthly data); nil with fewer than two observations.
    public var observationStreak: Streak? {
        let o = observations
        guard o.count >= 2 else { return nil }
        let lastMove = o[o.count - 1].value - o[o.count - 2].value
        guard lastMove != 0 else { return Streak(count: 0, rising: false) }
        var count = 0
        var i = o.count - 1
        while i >= 1, (o[i].value - o[i - 1].value) * lastMove > 0 { count += 1; i -= 1 }
        return Streak(count: count, rising: lastMove > 0)
    }

    /// The streak of weekly (or other) moves, comparing each period's last value with the previous period's.
    public func streak(_ frequency: SeriesExpression.Frequency) -> Streak? {
        let series = Series(id: "", days: observations.map(\.day), values: observations.map(\.value))
        let periods = Transforms.resample(series, frequency, .last, id: "").values
        guard periods.count >= 2 else { return nil }
        let lastMove = periods[periods.count - 1] - periods[periods.count - 2]
        guard lastMove != 0 else { return Streak(count: 0, rising: false) }
        var count = 0
        var i = periods.count - 1
        while i >= 1, (periods[i] - periods[i - 1]) * lastMove > 0 { count += 1; i -= 1 }
        return Streak(count: count, rising: lastMove > 0)
    }
}
