import ChartbookCore

/// The data as it stood on one day: every series, derived series, fact and fingerprint cut at that
/// day. An issue reads its data only through one of these (`store.asOf(issue's as-of date)`), so
/// nothing it says can come from after its date.
public struct DataAsOf: Sendable {
    let store: DataStore
    /// The last day whose observations are seen.
    public let day: Day

    /// The catalog (names, units, sources): the same on every day.
    public var catalog: Catalog { store.catalog }

    public func info(_ id: String) -> SeriesInfo? { store.info(id) }

    /// Series `id` (base or derived), up to `day`.
    public func series(_ id: String) -> Series? { store.series(id, asOf: day) }

    /// Series `id` cut earlier still (a chart's `until`): never later than `day`.
    public func series(_ id: String, through end: Day) -> Series? { store.series(id, asOf: min(end, day)) }

    /// An expression (from a chart spec) computed on data up to `day`, or up to `end` when earlier.
    public func evaluate(_ expression: SeriesExpression, id: String, through end: Day? = nil) -> Series? {
        store.evaluate(expression, id: id, asOf: min(end ?? day, day))
    }

    /// The facts of series `id` (latest value, changes, extremes …) as of `day`.
    public func facts(_ id: String) -> Facts? { store.facts(id, asOf: day) }

    /// Equal fingerprints mean the same observations of `id` up to `day` (for cache keys).
    public func fingerprint(_ id: String) -> UInt64 { store.fingerprint(id, asOf: day) }
}

extension DataStore {
    /// The data as it stood on `day`.
    public func asOf(_ day: Day) -> DataAsOf { DataAsOf(store: self, day: day) }

    /// All the data there is (no cut): for tools outside any issue, such as `chartbook chart`.
    public var latest: DataAsOf { DataAsOf(store: self, day: Day(ordinal: Int(Int32.max))) }
}
