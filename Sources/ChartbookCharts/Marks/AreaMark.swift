import ChartbookCore

/// Shading under a series down to a baseline, or between two series (a spread). Above and below
/// the baseline get different tints, the FT's surplus/deficit style, by clipping one path twice.
public struct AreaMark: Mark {
    public var upper: ChartSeries
    public var lower: ChartSeries?
    public var baseline: Double
    public var colorIndex: Int
    /// Second colour for the region where the series is below the baseline (or below `lower`).
    public var negativeColorIndex: Int?

    public init(upper: ChartSeries, lower: ChartSeries? = nil, baseline: Double = 0, colorIndex: Int, negativeColorIndex: Int? = nil) {
        self.upper = upper
        self.lower = lower
        self.baseline = baseline
        self.colorIndex = colorIndex
        self.negativeColorIndex = negativeColorIndex
    }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let polygons = paths(scales)
        guard !polygons.isEmpty else { return }
        let base = SVGWriter.number(scales.y(min(max(baseline, scales.y.domain.0), scales.y.domain.1)))
        let id = scales.idPrefix + "-area\(colorIndex)"
        if let negative = negativeColorIndex, lower == nil {
            // Clip the same shape above and below the baseline.
            svg.raw("<clipPath id=\"\(id)-above\"><rect x=\"\(SVGWriter.number(scales.plot.x))\" y=\"\(SVGWriter.number(scales.plot.y - 2))\" width=\"\(SVGWriter.number(scales.plot.width))\" height=\"\(SVGWriter.number(Double(base)! - scales.plot.y + 2))\"/></clipPath>")
            svg.raw("<clipPath id=\"\(id)-below\"><rect x=\"\(SVGWriter.number(scales.plot.x))\" y=\"\(base)\" width=\"\(SVGWriter.number(scales.plot.width))\" height=\"\(SVGWriter.number(scales.plot.maxY - Double(base)! + 2))\"/></clipPath>")
            fill(&svg, polygons, colorIndex: colorIndex, clip: "\(id)-above", scales: scales)
            fill(&svg, polygons, colorIndex: negative, clip: "\(id)-below", scales: scales)
        } else {
            fill(&svg, polygons, colorIndex: colorIndex, clip: nil, scales: scales)
        }
    }

    func fill(_ svg: inout SVGWriter, _ d: String, colorIndex: Int, clip: String?, scales: PlotScales) {
        var attributes = [("class", ChartTheme.fillClass(colorIndex)), ("d", d), ("fill", scales.theme.color(colorIndex)), ("fill-opacity", "0.28")]
        if let clip { attributes.append(("clip-path", "url(#\(clip))")) }
        svg.open("path", attributes, close: true)
    }

    /// Closed polygons, one per run of days where the series (and `lower`) have values.
    func paths(_ scales: PlotScales) -> String {
        // Two markets keep different holidays: pair each day with the other series' latest value
        // within a week, so the shading does not break on every holiday of one of them.
        let lowerPoints = lower?.points ?? []
        func lowerValue(_ day: Day) -> Double? {
            var lo = 0, hi = lowerPoints.count
            while lo < hi { let mid = (lo + hi) / 2; if lowerPoints[mid].day <= day { lo = mid + 1 } else { hi = mid } }
            guard lo > 0, day.ordinal - lowerPoints[lo - 1].day.ordinal <= 7 else { return nil }
            return lowerPoints[lo - 1].value
        }
        var d = ""
        var run: [(Double, Double, Double)] = []
        func flush() {
            guard run.count >= 2 else { run = []; return }
            d += "M" + run.map { SVGWriter.number($0.0) + "," + SVGWriter.number($0.1) }.joined(separator: "L")
            d += "L" + run.reversed().map { SVGWriter.number($0.0) + "," + SVGWriter.number($0.2) }.joined(separator: "L") + "Z"
            run = []
        }
        let floor = scales.y(min(max(baseline, scales.y.domain.0), scales.y.domain.1))
        var missing = 0
        for (day, value) in zip(upper.days, upper.values) {
            let bottom: Double? = lower == nil ? floor : lowerValue(day).map { scales.y($0) }
            guard !value.isNaN, let bottom else {
                // Bridge holidays as the line does; a longer gap ends the polygon.
                missing += 1
                if missing > LineMark.bridgedGap { flush() }
                continue
            }
            missing = 0
            let x = scales.x(day)
            // Half a pixel apart is enough for a filled shape; keeps a 30-year area small.
            if let previous = run.last, x - previous.0 < 0.5 { run[run.count - 1] = (previous.0, scales.y(value), bottom); continue }
            run.append((x, scales.y(value), bottom))
        }
        flush()
        return d
    }
}
