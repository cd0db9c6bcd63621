import ChartbookCore

/// The data as it stood on one day: every series, derived series, fact and fingerprint cut at that
/// day. An issue reads its data only through one of these (`store.asOf(issue's as-of date)`), so
/// nothing it says can come from after its date.
public struct DataAsOf: Sendable {
    let store: DataStore
    /// The last day whose observations are seen.
    public let day: Day
    /// The day whose versions of those observations are seen (see `VintageLog`): the as-of day,
    /// or the day of a correction that adopted later revisions.
    public let knownOn: Day

    /// The catalog (names, units, sources): the same on every day.
    public var catalog: Catalog { store.catalog }

    public func info(_ id: String) -> SeriesInfo? { store.info(id) }

    /// Series `id` (base or derived), up to `day`.
    public func series(_ id: String) -> Series? { store.series(id, asOf: day, knownOn: knownOn) }

    /// Series `id` cut earlier still (a chart's `until`): never later than `day`.
    public func series(_ id: String, through end: Day) -> Series? { store.series(id, asOf: min(end, day), knownOn: knownOn) }

    /// An expression (from a chart spec) computed on data up to `day`, or up to `end` when earlier.
    public func evaluate(_ expression: SeriesExpression, id: String, through end: Day? = nil) -> Series? {
        store.evaluate(expression, id: id, asOf: min(end ?? day, day), knownOn: knownOn)
    }

    /// The facts of series `id` (latest value, changes, extremes …) as of `day`.
    public func facts(_ id: String) -> Facts? { store.facts(id, asOf: day, knownOn: knownOn) }

    /// Equal fingerprints mean the same observations of `id` up to `day` (for cache keys).
    public func fingerprint(_ id: String) -> UInt64 { store.fingerprint(id, asOf: day, knownOn: knownOn) }
}

extension DataStore {
    /// The data as it stood on `day`, each observation in the version known then (or on `knownOn`,
    /// a later day whose revisions a correction adopts).
    public func asOf(_ day: Day, knownOn: Day? = nil) -> DataAsOf { DataAsOf(store: self, day: day, knownOn: max(knownOn ?? day, day)) }

    /// All the data there is (no cut), in its latest version: for tools outside any issue, such as `chartbook chart`.
    public var latest: DataAsOf {
        let end = Day(ordinal: Int(Int32.max))
        return DataAsOf(store: self, day: end, knownOn: end)
    }
}
