import ChartbookCore

/// A rectangle in SVG user units.
public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// The scales a mark draws with, the plot rectangle they map into, and the theme's colours.
public struct PlotScales: Sendable {
    /// x value (a day ordinal on time charts) → pixel.
    public var x: LinearScale
    /// Value → pixel.
    public var y: ValueScale
    public var plot: Rect
    public var theme: ChartTheme
    /// Unique prefix for ids inside this plot (clip paths).
    public var idPrefix: String

    public func x(_ day: Day) -> Double { x(Double(day.ordinal)) }
}

/// A layer of a chart that turns data and scales into SVG; each chart type is one mark.
public protocol Mark: Sendable {
    func render(into svg: inout SVGWriter, scales: PlotScales)
}
