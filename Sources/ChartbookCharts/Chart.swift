import ChartbookCore

/// One line (or other mark's data) on a chart: dated values, NaN where a value is missing.
public struct ChartSeries: Sendable {
    /// Short label drawn at the line's end.
    public var label: String
    public var days: [Day]
    public var values: [Double]

    public init(label: String, days: [Day], values: [Double]) {
        self.label = label
        self.days = days
        self.values = values
    }

    /// Index of the last point with a value.
    var lastIndex: Int? { values.lastIndex { !$0.isNaN } }
}

/// A horizontal reference line such as zero or a 2 % target.
public struct ReferenceLine: Sendable {
    public var value: Double
    public var label: String?

    public init(value: Double, label: String? = nil) {
        self.value = value
        self.label = label
    }
}

/// Options for the value axis.
public struct ValueAxis: Sendable {
    /// Force the axis to include zero (bars always do).
    public var includeZero = false
    public var min: Double?
    public var max: Double?
    /// Decimals for tick labels; nil means "as few as the step needs".
    public var decimals: Int?
    /// Text after each tick label, e.g. `%`; empty when the subtitle states units.
    public var suffix = ""

    public init(includeZero: Bool = false, min: Double? = nil, max: Double? = nil, decimals: Int? = nil, suffix: String = "") {
        self.includeZero = includeZero
        self.min = min
        self.max = max
        self.decimals = decimals
        self.suffix = suffix
    }
}

/// Everything a chart shows, independent of where the data came from: the site resolves a chart spec
/// and data into this, and `ChartRenderer` turns it into SVG.
public struct Chart: Sendable {
    /// Unique within a page; used for element ids.
    public var id: String
    public var title: String
    /// Measure and units, e.g. "Yield, %".
    public var subtitle: String
    /// The source line, e.g. "Source: Ministry of Finance Japan".
    public var source: String
    public var notes: String?
    public var series: [ChartSeries]
    public var valueAxis = ValueAxis()
    public var referenceLines: [ReferenceLine] = []
    /// Label decimals for values quoted in the description.
    public var valueDecimals = 2
    public var language: EditionLanguage
    public var width = 640.0
    public var height = 400.0

    public init(id: String, title: String, subtitle: String, source: String, series: [ChartSeries], language: EditionLanguage) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.source = source
        self.series = series
        self.language = language
    }
}
