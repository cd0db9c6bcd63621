/// A rectangle in SVG user units.
public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// The scales a mark draws with, and the plot rectangle they map into.
public struct PlotScales: Sendable {
    /// Day ordinal → x pixel.
    public var x: LinearScale
    /// Value → y pixel.
    public var y: LinearScale
    public var plot: Rect
}

/// A layer of a chart that turns data and scales into SVG; each chart type is one mark.
public protocol Mark: Sendable {
    func render(into svg: inout SVGWriter, scales: PlotScales)
}
