import ChartbookCore

/// A series drawn as a line (or as steps, for policy rates that hold until changed). Missing values
/// break it, and long series are downsampled to the plot's resolution (2× its width, for 2× screens
/// and rasters).
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
        svg.path(d, [("class", cls), ("fill", "none"), ("stroke", color), ("stroke-width", SVGWriter.number(series.isContext ? 1.5 : strokeWidth)),
                     ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
    }

    /// The path data: one `M…L…` run per stretch between breaks (see `runs`). Pixel positions are
    /// collected per run and downsampled when a run has more points than the plot has pixels at 2×.
    static func path(_ series: ChartSeries, scales: PlotScales, step: Bool) -> PathData {
        let target = Int(scales.plot.width * 2)
        var d = PathData(capacity: min(series.values.count, target) * 12)
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(series.values.count)
        ys.reserveCapacity(series.values.count)
        for run in runs(series) {
            for i in run where !series.values[i].isNaN {
                xs.append(scales.x(series.days[i]))
                ys.append(scales.y(series.values[i]))
            }
            guard !xs.isEmpty else { continue }
            let keep = !step && xs.count > target ? Downsample.lttb(xs: xs, ys: ys, target: target) : Array(xs.indices)
            var previousY = 0.0
            for (n, i) in keep.enumerated() {
                if n == 0 {
                    d.move(xs[i], ys[i])
                } else if step {
                    d.command(72); d.number(xs[i]) // H
                    if ys[i] != previousY { d.command(86); d.number(ys[i]) } // V
                } else {
                    d.line(xs[i], ys[i])
                }
                previousY = ys[i]
            }
            if keep.count == 1 { d.append("h0.1") } // a lone point between gaps still shows
            xs.removeAll(keepingCapacity: true)
            ys.removeAll(keepingCapacity: true)
        }
        return d
    }

    /// The stretches of `series` drawn as one line each, as index ranges: a line breaks after more
    /// than `bridgedGap` missing values in a row, and where dates jump further than `longGap`.
    /// Missing values inside a range are bridged. Ranges start and end on a value.
    static func runs(_ series: ChartSeries) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int?, last = 0, missing = 0
        let longGap = LineMark.longGap(series.days)
        for i in series.values.indices {
            if series.values[i].isNaN {
                missing += 1
                if missing > bridgedGap, let s = start { runs.append(s..<last + 1); start = nil }
                continue
            }
            missing = 0
            // Dates that jump further than the series' rhythm allows (a bond not issued for years) break the line too.
            if let s = start, series.days[i].ordinal - series.days[last].ordinal > longGap { runs.append(s..<last + 1); start = nil }
            if start == nil { start = i }
            last = i
        }
        if let s = start { runs.append(s..<last + 1) }
        return runs
    }

    /// The longest jump between dates that the line still joins, in days: eight times the series'
    /// usual step (the median of its steps), and at least 45 days, so a month of holidays in a daily
    /// series or a skipped quarter in a monthly one still joins, and years without data do not.
    static func longGap(_ days: [Day]) -> Int {
        guard days.count > 2 else { return Int.max }
        let stride = max(1, days.count / 200) // a sample of steps is enough for a median
        var steps: [Int] = []
        var i = stride
        while i < days.count { steps.append(days[i].ordinal - days[i - 1].ordinal); i += stride }
        steps.sort()
        return max(45, 8 * (steps.isEmpty ? 1 : steps[steps.count / 2]))
    }

    /// Missing values in a row that the line bridges: a market holiday (FRED writes an empty value
    /// for each) is not a gap in the data. A longer stretch of missing values breaks the line.
    public static let bridgedGap = 3
}
