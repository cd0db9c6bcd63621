import ChartbookCore
import Foundation

/// How a series is drawn; each kind is one mark file under `Marks/`.
public enum MarkKind: String, Sendable, CaseIterable {
    case line, step, area, column, dot, lollipop
}

/// One series on a chart: dated values, NaN where a value is missing.
public struct ChartSeries: Sendable {
    /// Short label drawn at the series' end (or in the legend).
    public var label: String
    public var days: [Day]
    public var values: [Double]
    public var kind: MarkKind
    /// Days drawn in the accent colour, others muted (e.g. the one auction a story is about).
    public var highlight: Set<Day>
    /// Draw in the neutral context colour, for series that frame the main ones.
    public var isContext: Bool

    public init(label: String, days: [Day], values: [Double], kind: MarkKind = .line, highlight: Set<Day> = [], isContext: Bool = false) {
        self.label = label
        self.days = days
        self.values = values
        self.kind = kind
        self.highlight = highlight
        self.isContext = isContext
    }

    /// Index of the last point with a value.
    public var lastIndex: Int? { values.lastIndex { !$0.isNaN } }

    /// Finite (x, y) pairs in day ordinals, for description and extents.
    var points: [(day: Day, value: Double)] { zip(days, values).filter { !$0.1.isNaN }.map { ($0.0, $0.1) } }
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

/// A shaded date range, such as a policy regime or a market episode.
public struct DateBand: Sendable {
    public var from: Day
    public var to: Day
    public var label: String?

    public init(from: Day, to: Day, label: String? = nil) {
        self.from = from
        self.to = to
        self.label = label
    }
}

/// A dated event: a thin vertical line with a short note at the top.
public struct EventMarker: Sendable {
    public var day: Day
    public var label: String

    public init(day: Day, label: String) {
        self.day = day
        self.label = label
    }
}

/// A note pinned to a point of the chart (a date and a value).
public struct TextAnnotation: Sendable {
    public var day: Day
    public var value: Double
    public var text: String

    public init(day: Day, value: Double, text: String) {
        self.day = day
        self.value = value
        self.text = text
    }
}

/// Shading between two series (a spread) or between one series and a baseline.
public struct FillBetween: Sendable {
    /// Index into `Chart.series` of the upper series.
    public var series: Int
    /// Index of the other series, or nil for the baseline value.
    public var other: Int?
    public var baseline: Double

    public init(series: Int, other: Int? = nil, baseline: Double = 0) {
        self.series = series
        self.other = other
        self.baseline = baseline
    }
}

/// A category and its value, for horizontal bar charts.
public struct BarItem: Sendable {
    public var label: String
    public var value: Double
    /// The value as written at the bar's end (formatted by the caller for its units and locale).
    public var text: String
    public var highlight: Bool
    /// The value at an earlier date (a ranked chart's "a year earlier"), drawn as a hollow tick on the bar.
    public var previous: Double?
    /// The change since then, written after the value (e.g. "+41.9 on the year").
    public var changeText: String?

    public init(label: String, value: Double, text: String, highlight: Bool = false, previous: Double? = nil, changeText: String? = nil) {
        self.label = label
        self.value = value
        self.text = text
        self.highlight = highlight
        self.previous = previous
        self.changeText = changeText
    }
}

/// Bars and how they are read: plain bars in the spec's order, or ranked (sorted, numbered) with
/// an earlier value marked on each bar.
public struct BarSet: Sendable {
    public var items: [BarItem]
    /// Sort by value, largest first, and number the rows: a ranking.
    public var ranked: Bool
    /// Legend words for the hollow marker of earlier values, e.g. "a year earlier"; nil when none is drawn.
    public var previousLabel: String?

    public init(items: [BarItem], ranked: Bool = false, previousLabel: String? = nil) {
        self.items = ranked ? items.sorted { $0.value > $1.value } : items
        self.ranked = ranked
        self.previousLabel = previousLabel
    }
}

/// One point of a curve: a value at a maturity in years.
public struct CurvePoint: Sendable, Equatable {
    public var maturity: Double
    public var value: Double

    public init(maturity: Double, value: Double) {
        self.maturity = maturity
        self.value = value
    }
}

/// One date's curve on a yield-curve chart (maturity on x), such as "today" or "a year earlier".
public struct CurveLine: Sendable {
    public var label: String
    public var points: [CurvePoint]

    public init(label: String, points: [CurvePoint]) {
        self.label = label
        self.points = points.sorted { $0.maturity < $1.maturity }
    }
}

/// One row of an "in numbers" table: a series' label, its recent path, latest level and changes.
public struct NumberRow: Sendable {
    public var label: String
    /// The recent path, drawn as a sparkline.
    public var spark: ChartSeries
    public var latest: String
    /// One text per change column, already formatted ("+12bp", "−3.1%"); empty where unknown.
    public var changes: [String]

    public init(label: String, spark: ChartSeries, latest: String, changes: [String]) {
        self.label = label
        self.spark = spark
        self.latest = latest
        self.changes = changes
    }
}

/// An "in numbers" table: rows of series with a sparkline, the latest level and change columns.
public struct NumberTable: Sendable {
    public var rows: [NumberRow]
    /// Headings: the sparkline's period, the latest value, then one per change column.
    public var sparkHeading: String
    public var latestHeading: String
    public var changeHeadings: [String]

    public init(rows: [NumberRow], sparkHeading: String, latestHeading: String, changeHeadings: [String]) {
        self.rows = rows
        self.sparkHeading = sparkHeading
        self.latestHeading = latestHeading
        self.changeHeadings = changeHeadings
    }
}

/// Options for the value axis.
public struct ValueAxis: Sendable {
    public enum TickMethod: String, Sendable, CaseIterable { case d3, extended }

    /// Force the axis to include zero (columns and bars always do).
    public var includeZero = false
    public var min: Double?
    public var max: Double?
    /// Decimals for tick labels; nil means "as few as the step needs".
    public var decimals: Int?
    /// Text after each tick label, e.g. `%`; empty when the subtitle states units.
    public var suffix = ""
    public var logarithmic = false
    public var tickMethod = TickMethod.d3
    /// Tick labels show values times this: 10 where Chinese prose counts billions in 亿 (10⁸), so
    /// a chart of US$ billions reads 11,308 beside prose that says 11,308亿美元.
    public var labelScale = 1.0

    /// A tick's label: scaled, with a true minus and grouped thousands, then the suffix.
    public func label(_ value: Double, decimals: Int) -> String {
        guard labelScale != 1 else { return DecimalFormat.tick(value, decimals: decimals) + suffix }
        let fewer = Int(log10(labelScale).rounded())
        return DecimalFormat.tick(value * labelScale, decimals: Swift.max(0, decimals - fewer)) + suffix
    }

    public init(includeZero: Bool = false, min: Double? = nil, max: Double? = nil, decimals: Int? = nil, suffix: String = "",
                logarithmic: Bool = false, tickMethod: TickMethod = .d3) {
        self.includeZero = includeZero
        self.min = min
        self.max = max
        self.decimals = decimals
        self.suffix = suffix
        self.logarithmic = logarithmic
        self.tickMethod = tickMethod
    }
}

/// The arrangement of a chart: one time plot, one panel per series, a scatter of two series, bars by
/// category, a curve by maturity, or a table of numbers.
public enum ChartLayout: Sendable {
    case time
    case smallMultiples(columns: Int)
    /// x from the first series, y from the second, matched by date.
    case scatter
    case bars(BarSet)
    /// Values against maturity, one line per date compared.
    case curve([CurveLine])
    /// A table of series with sparklines and change columns.
    case numbers(NumberTable)
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
    public var layout = ChartLayout.time
    public var valueAxis = ValueAxis()
    public var referenceLines: [ReferenceLine] = []
    public var bands: [DateBand] = []
    public var events: [EventMarker] = []
    public var annotations: [TextAnnotation] = []
    public var fills: [FillBetween] = []
    /// Label decimals for values quoted in the description and labels.
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
