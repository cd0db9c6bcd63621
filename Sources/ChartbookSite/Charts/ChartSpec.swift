import ChartbookCharts
import ChartbookCore
import ChartbookData

/// A chart as the author writes it in a ```` ```chart ```` fence: YAML naming series from the catalog,
/// a period, and the words around the chart. Checked key by key so mistakes point at their line.
public struct ChartSpec: Sendable {
    public struct SeriesRef: Sendable {
        public var id: String
        /// Overrides the catalog's short label.
        public var label: String?
        public var location: SourceLocation
    }

    public var type: String
    public var title: String
    public var subtitle: String?
    public var series: [SeriesRef]
    public var since: Day?
    public var until: Day?
    public var last: Window?
    public var valueAxis: ValueAxis
    public var rules: [ReferenceLine]
    public var notes: String?
    public var source: String?
    public var height: Double?
    public var location: SourceLocation

    static let keys = ["type", "title", "subtitle", "series", "since", "until", "last", "y", "rules", "notes", "source", "height"]
    static let types = ["line"]

    /// Parses a spec; `lineOffset` is the number of lines in the file before the YAML starts.
    public init(yaml text: String, file: String, lineOffset: Int) throws(SourceError) {
        guard let root = try YAMLValue.parse(text, file: file, lineOffset: lineOffset) else {
            throw SourceError(SourceLocation(file: file, line: lineOffset), "chart spec is empty")
        }
        let m = try root.mapping(allowedKeys: ChartSpec.keys)
        location = root.location
        type = try m["type"]?.string() ?? "line"
        if !ChartSpec.types.contains(type) {
            throw SourceError(try m.required("type").location, "unknown chart type '\(type)'; supported: \(ChartSpec.types.joined(separator: ", "))")
        }
        title = try m.required("title").string()
        subtitle = try m["subtitle"]?.string()
        var refs: [SeriesRef] = []
        for item in try m.required("series").list() {
            if let id = try? item.string() {
                refs.append(SeriesRef(id: id, label: nil, location: item.location))
            } else {
                let s = try item.mapping(allowedKeys: ["id", "label"])
                refs.append(SeriesRef(id: try s.required("id").string(), label: try s["label"]?.string(), location: try s.required("id").location))
            }
        }
        guard !refs.isEmpty else { throw SourceError(try m.required("series").location, "a chart needs at least one series") }
        series = refs
        since = try m["since"]?.day()
        until = try m["until"]?.day()
        if let value = m["last"] {
            let text = try value.string()
            guard let window = Window(text) else { throw SourceError(value.location, "'last' must be a period such as 6m, 5y or ytd; found '\(text)'") }
            last = window
        }
        var axis = ValueAxis()
        if let y = m["y"] {
            let ym = try y.mapping(allowedKeys: ["zero", "min", "max", "decimals", "suffix"])
            axis.includeZero = try ym["zero"]?.bool() ?? false
            axis.min = try ym["min"]?.double()
            axis.max = try ym["max"]?.double()
            axis.decimals = try ym["decimals"]?.int()
            axis.suffix = try ym["suffix"]?.string() ?? ""
        }
        valueAxis = axis
        var rules: [ReferenceLine] = []
        if let r = m["rules"] {
            for item in try r.list() {
                if let value = try? item.double() {
                    rules.append(ReferenceLine(value: value))
                } else {
                    let rm = try item.mapping(allowedKeys: ["value", "label"])
                    rules.append(ReferenceLine(value: try rm.required("value").double(), label: try rm["label"]?.string()))
                }
            }
        }
        self.rules = rules
        notes = try m["notes"]?.string()
        source = try m["source"]?.string()
        if let h = m["height"] {
            let value = try h.double()
            guard (150...1200).contains(value) else { throw SourceError(h.location, "height must be between 150 and 1200") }
            height = value
        }
    }

    /// Checks every series id against the catalog, reporting the first unknown one at its line.
    public func check(against catalog: Catalog) throws(SourceError) {
        for ref in series where catalog.info(ref.id) == nil {
            throw SourceError(ref.location, "unknown series '\(ref.id)' in chart; the catalog has: \(catalog.ids.joined(separator: ", "))")
        }
    }
}
