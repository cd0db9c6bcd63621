/// A series drawn as a line (or as steps, for policy rates that hold until changed). Missing values
/// break it, and long series are downsampled to the plot's resolution (2× its width, for 2× rasters).
public struct LineMark: Mark {
    public var series: ChartSeries
    public var colorIndex: Int
    public var step: Bool
    public var strokeWidth = 2.0

    public init(series: ChartSeries, colorIndex: Int, step: Bool = false) {
        self.series = series
        self.colorIndex = colorIndex
        self.step = step
    }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        let d = LineMark.path(series, scales: scales, step: step)
        guard !d.isEmpty else { return }
        let (cls, color) = series.isContext ? ("cb-ctxs", scales.theme.context) : (ChartTheme.strokeClass(colorIndex), scales.theme.color(colorIndex))
        svg.open("path", [("class", cls), ("d", d), ("fill", "none"), ("stroke", color), ("stroke-width", SVGWriter.number(series.isContext ? 1.5 : strokeWidth)),
                          ("stroke-linejoin", "round"), ("stroke-linecap", "round")], close: true)
    }

    /// The path data: one `M…L…` run per stretch between missing values.
    static func path(_ series: ChartSeries, scales: PlotScales, step: Bool) -> String {
        var d = ""
        let target = Int(scales.plot.width * 2)
        for run in runs(series.values) {
            let xs = run.map { scales.x(series.days[$0]) }
            let ys = run.map { scales.y(series.values[$0]) }
            let keep = !step && xs.count > target * 2 ? Downsample.lttb(xs: xs, ys: ys.map { -$0 }, target: target) : Array(xs.indices)
            var previousY = 0.0
            for (n, i) in keep.enumerated() {
                if n == 0 {
                    d += "M" + SVGWriter.number(xs[i]) + "," + SVGWriter.number(ys[i])
                } else if step {
                    d += "H" + SVGWriter.number(xs[i]) + (ys[i] != previousY ? "V" + SVGWriter.number(ys[i]) : "")
                } else {
                    d += "L" + SVGWriter.number(xs[i]) + "," + SVGWriter.number(ys[i])
                }
                previousY = ys[i]
            }
            if keep.count == 1 { d += "h0.1" } // a lone point between gaps still shows
        }
        return d
    }

    /// Missing values in a row that the line bridges: a market holiday (FRED writes an empty value
    /// for each) is not a gap in the data. A longer stretch of missing values breaks the line.
    public static let bridgedGap = 3

    /// Index runs between gaps longer than `bridgedGap` missing values.
    static func runs(_ values: [Double]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        var missing = 0
        for i in values.indices {
            if values[i].isNaN {
                missing += 1
                if missing > bridgedGap, !current.isEmpty { runs.append(current); current = [] }
            } else {
                missing = 0
                current.append(i)
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
