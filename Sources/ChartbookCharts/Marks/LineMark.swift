/// A series drawn as a line; missing values break it, and long series are downsampled to the
/// plot's resolution (2× its width, for sharp 2× rasters).
public struct LineMark: Mark {
    public var series: ChartSeries
    public var colorIndex: Int
    public var strokeWidth = 2.0

    public init(series: ChartSeries, colorIndex: Int) {
        self.series = series
        self.colorIndex = colorIndex
    }

    public func render(into svg: inout SVGWriter, scales: PlotScales) {
        var d = ""
        let target = Int(scales.plot.width * 2)
        for run in runs() {
            let xs = run.map { scales.x(Double(series.days[$0].ordinal)) }
            let ys = run.map { scales.y(series.values[$0]) }
            let keep = xs.count > target * 2 ? Downsample.lttb(xs: xs, ys: ys.map { -$0 }, target: target) : Array(xs.indices)
            for (n, i) in keep.enumerated() {
                d += (n == 0 ? "M" : "L") + SVGWriter.number(xs[i]) + "," + SVGWriter.number(ys[i])
            }
            if keep.count == 1 { d += "h0.1" } // a lone point between gaps still shows
        }
        guard !d.isEmpty else { return }
        svg.open("path", [("class", "cb-s\(colorIndex % Theme.lightPalette.count)"), ("d", d), ("fill", "none"),
                          ("stroke", Theme.color(colorIndex)), ("stroke-width", SVGWriter.number(strokeWidth)),
                          ("stroke-linejoin", "round"), ("stroke-linecap", "round")], close: true)
    }

    /// Index runs between missing values.
    func runs() -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for i in series.values.indices {
            if series.values[i].isNaN {
                if !current.isEmpty { runs.append(current); current = [] }
            } else {
                current.append(i)
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
