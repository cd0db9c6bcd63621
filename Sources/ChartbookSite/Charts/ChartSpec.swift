import ChartbookCharts
import ChartbookCore
import ChartbookData

/// A chart as the author writes it in a ```` ```chart ```` fence: YAML naming series from the catalog,
/// a period, annotations and the words around the chart. Checked key by key so a mistake points at its line.
public struct ChartSpec: Sendable {
    public struct SeriesRef: Sendable {
        /// A catalog id, or the text of an inline expression.
        public var id: String
        /// An inline derived series, e.g. `bp(spread(ust_10y, jgb_10y))`.
        public var expression: SeriesExpression?
        /// Overrides the catalog's short label.
        public var label: String?
        /// Overrides the chart's mark for this series (combination charts).
        public var kind: MarkKind?
        public var context: Bool
        public var highlight: [Day]
        public var location: SourceLocation
    }

    /// A note at a date, pinned to a series' value that day (or to an explicit value).
    public struct Note: Sendable {
        public var day: Day
        public var series: String?
        public var value: Double?
        public var text: String
        public var location: SourceLocation
    }

    public enum Kind: String, Sendable, CaseIterable {
        case line, step, area, column, dot, lollipop, scatter, bar, curve, numbers
        case smallMultiples = "small-multiples"
        case rankedBar = "ranked-bar"
    }

    public var kind: Kind
    public var title: String
    public var subtitle: String?
    public var series: [SeriesRef]
    public var since: Day?
    public var until: Day?
    public var last: Window?
    public var valueAxis: ValueAxis
    public var rules: [ReferenceLine]
    public var bands: [DateBand]
    public var events: [EventMarker]
    public var notes: [Note]
    public var fill: FillBetween?
    public var columns: Int
    public var footnote: String?
    public var source: String?
    public var height: Double?
    /// What the title and subtitle state about the data, checked like claims in prose.
    public var claims: [Statement]
    /// Bar charts: the period whose change each bar shows, with a tick at the earlier value (`change: 1y`).
    public var change: Window?
    /// Curve charts: the earlier dates drawn against the latest, as periods back (`compare: [1m, 1y]`).
    public var compare: [Window]
    /// "In numbers" tables: one change column per period (`changes: [1w, 1y]`).
    public var changes: [Window]
    public var location: SourceLocation

    static let keys = ["type", "title", "subtitle", "series", "since", "until", "last", "y", "rules", "bands", "events",
                       "annotations", "fill", "columns", "notes", "source", "height", "claims", "change", "compare", "changes"]

    /// Parses a spec; `lineOffset` is the number of lines in the file before the YAML starts.
    public init(yaml text: String, file: String, lineOffset: Int) throws(SourceError) {
        guard let root = try YAMLValue.parse(text, file: file, lineOffset: lineOffset) else {
            throw SourceError(SourceLocation(file: file, line: lineOffset), "chart spec is empty")
        }
        let m = try root.mapping(allowedKeys: ChartSpec.keys)
        location = root.location
        kind = try m["type"]?.choice(Kind.self, "chart type") ?? .line
        title = try m.required("title").string()
        subtitle = try m["subtitle"]?.string()
        claims = try m["claims"].map { (v: YAMLValue) throws(SourceError) in try Statement.list(v) } ?? []
        series = try ChartSpec.seriesRefs(m.required("series"))
        if kind == .scatter && series.count != 2 {
            throw SourceError(try m.required("series").location, "a scatter chart takes exactly two series (x, then y)")
        }
        change = try ChartSpec.window(m["change"])
        if change != nil && kind != .bar && kind != .rankedBar {
            throw SourceError(try m.required("change").location, "'change' applies to bar and ranked-bar charts; for a table use 'changes'")
        }
        compare = try ChartSpec.windows(m["compare"], "compare")
        if !compare.isEmpty && kind != .curve { throw SourceError(try m.required("compare").location, "'compare' applies to curve charts") }
        changes = try ChartSpec.windows(m["changes"], "changes")
        if !changes.isEmpty && kind != .numbers { throw SourceError(try m.required("changes").location, "'changes' applies to numbers tables") }
        if kind == .numbers && changes.isEmpty { changes = [.months(1), .years(1)] }
        since = try m["since"]?.day()
        until = try m["until"]?.day()
        if let value = m["last"] {
            let text = try value.string()
            guard let window = Window(text) else { throw SourceError(value.location, "'last' must be a period such as 6m, 5y or ytd; found '\(text)'") }
            last = window
        }
        valueAxis = try ChartSpec.axis(m["y"])
        rules = try ChartSpec.rules(m["rules"])
        bands = []
        for item in try ChartSpec.list(m["bands"], "bands") {
            let b = try item.mapping(allowedKeys: ["from", "to", "label"])
            let band = DateBand(from: try b.required("from").day(), to: try b.required("to").day(), label: try b["label"]?.string())
            if band.to < band.from { throw SourceError(try b.required("to").location, "band ends (\(band.to)) before it starts (\(band.from))") }
            bands.append(band)
        }
        events = []
        for item in try ChartSpec.list(m["events"], "events") {
            let e = try item.mapping(allowedKeys: ["date", "label"])
            events.append(EventMarker(day: try e.required("date").day(), label: try e.required("label").string()))
        }
        notes = []
        for item in try ChartSpec.list(m["annotations"], "annotations") {
            let a = try item.mapping(allowedKeys: ["date", "series", "value", "text"])
            let note = Note(day: try a.required("date").day(), series: try a["series"]?.string(), value: try a["value"]?.double(),
                            text: try a.required("text").string(), location: item.location)
            if note.series == nil && note.value == nil { throw SourceError(item.location, "an annotation needs 'series' (to take the value from the data) or 'value'") }
            notes.append(note)
        }
        if let f = m["fill"] {
            let fm = try f.mapping(allowedKeys: ["between", "baseline"])
            if let between = fm["between"] {
                let ids = try between.stringList()
                guard ids.count == 2, let a = series.firstIndex(where: { $0.id == ids[0] }), let b = series.firstIndex(where: { $0.id == ids[1] }) else {
                    throw SourceError(between.location, "'between' takes two ids listed under 'series'")
                }
                fill = FillBetween(series: a, other: b)
            } else {
                fill = FillBetween(series: 0, other: nil, baseline: try fm["baseline"]?.double() ?? 0)
            }
        }
        columns = try m["columns"]?.int() ?? 3
        guard (1...6).contains(columns) else { throw SourceError(try m.required("columns").location, "columns must be between 1 and 6") }
        footnote = try m["notes"]?.string()
        source = try m["source"]?.string()
        if let h = m["height"] {
            let value = try h.double()
            guard (150...1200).contains(value) else { throw SourceError(h.location, "height must be between 150 and 1200") }
            height = value
        }
    }

    /// Most series one chart may draw: past this no chart can be read, and a spec asking for ten
    /// thousand would take gigabytes to draw.
    static let maxSeries = 24
    /// Most rules, bands, events, annotations or highlighted dates one chart may list.
    static let maxMarks = 60

    /// The items of an optional list, refused past `limit` (the spec's line says which list).
    static func list(_ value: YAMLValue?, _ what: String, limit: Int = maxMarks) throws(SourceError) -> [YAMLValue] {
        guard let value else { return [] }
        let items = try value.list()
        guard items.count <= limit else { throw SourceError(value.location, "a chart takes at most \(limit) \(what); this one lists \(items.count)") }
        return items
    }

    /// A period such as `1y`, at the value's line when it is not one.
    static func window(_ value: YAMLValue?) throws(SourceError) -> Window? {
        guard let value else { return nil }
        let text = try value.string()
        guard let window = Window(text) else { throw SourceError(value.location, "expected a period such as 1w, 1m or 1y; found '\(text)'") }
        return window
    }

    /// A short list of periods (`[1m, 1y]`).
    static func windows(_ value: YAMLValue?, _ what: String) throws(SourceError) -> [Window] {
        var result: [Window] = []
        for item in try ChartSpec.list(value, what, limit: 4) {
            if let w = try ChartSpec.window(item) { result.append(w) }
        }
        return result
    }

    static func seriesRefs(_ value: YAMLValue) throws(SourceError) -> [SeriesRef] {
        var refs: [SeriesRef] = []
        for item in try ChartSpec.list(value, "series", limit: maxSeries) {
            if let id = try? item.string() {
                refs.append(SeriesRef(id: id, expression: nil, label: nil, kind: nil, context: false, highlight: [], location: item.location))
                continue
            }
            let s = try item.mapping(allowedKeys: ["id", "expr", "label", "type", "context", "highlight"])
            let kind = try s["type"]?.choice(MarkKind.self, "series type")
            var highlight: [Day] = []
            for d in try ChartSpec.list(s["highlight"], "highlighted dates") { highlight.append(try d.day()) }
            if let e = s["expr"] {
                guard s["id"] == nil else { throw SourceError(e.location, "a series takes either 'id' or 'expr', not both") }
                let expression = try SeriesExpression(parsing: try e.string(), at: e.location)
                refs.append(SeriesRef(id: expression.description, expression: expression, label: try s["label"]?.string(), kind: kind,
                                      context: try s["context"]?.bool() ?? false, highlight: highlight, location: e.location))
                continue
            }
            refs.append(SeriesRef(id: try s.required("id").string(), expression: nil, label: try s["label"]?.string(), kind: kind,
                                  context: try s["context"]?.bool() ?? false, highlight: highlight, location: try s.required("id").location))
        }
        guard !refs.isEmpty else { throw SourceError(value.location, "a chart needs at least one series") }
        return refs
    }

    static func axis(_ value: YAMLValue?) throws(SourceError) -> ValueAxis {
        var axis = ValueAxis()
        guard let value else { return axis }
        let ym = try value.mapping(allowedKeys: ["zero", "min", "max", "decimals", "suffix", "log", "ticks"])
        axis.includeZero = try ym["zero"]?.bool() ?? false
        axis.min = try ym["min"]?.double()
        axis.max = try ym["max"]?.double()
        if let lo = axis.min, let hi = axis.max, lo >= hi { throw SourceError(try ym.required("max").location, "y max must be above y min") }
        axis.decimals = try ym["decimals"]?.int()
        if let d = axis.decimals, !(0...6).contains(d) { throw SourceError(try ym.required("decimals").location, "decimals must be between 0 and 6") }
        axis.suffix = try ym["suffix"]?.string() ?? ""
        axis.logarithmic = try ym["log"]?.bool() ?? false
        axis.tickMethod = try ym["ticks"]?.choice(ValueAxis.TickMethod.self, "tick method") ?? .d3
        return axis
    }

    static func rules(_ value: YAMLValue?) throws(SourceError) -> [ReferenceLine] {
        var rules: [ReferenceLine] = []
        for item in try ChartSpec.list(value, "rules") {
            if let value = try? item.double() {
                rules.append(ReferenceLine(value: value))
            } else {
                let rm = try item.mapping(allowedKeys: ["value", "label"])
                rules.append(ReferenceLine(value: try rm.required("value").double(), label: try rm["label"]?.string()))
            }
        }
        return rules
    }

    /// Checks every series id against the catalog, reporting the first unknown one at its line.
    public func check(against catalog: Catalog) throws(SourceError) {
        for claim in claims { try claim.check(against: catalog) }
        for ref in series {
            if kind == .curve, catalog.info(ref.id)?.maturity == nil {
                throw SourceError(ref.location, "series '\(ref.id)' has no maturity in the catalog; a curve chart needs one for each series (add 'maturity: 10' for ten years)")
            }
            if let expression = ref.expression {
                _ = try catalog.describe(expression, label: ref.label, at: ref.location)
            } else if catalog.info(ref.id) == nil {
                throw SourceError(ref.location, "unknown series '\(ref.id)' in chart; the catalog has: \(catalog.ids.joined(separator: ", "))")
            }
        }
        for note in notes {
            if let id = note.series, !series.contains(where: { $0.id == id }) {
                throw SourceError(note.location, "annotation names series '\(id)', which is not in this chart's series")
            }
        }
    }
}
