import ChartbookCore

/// Long lines thinned once per chart, before it is laid out for desktop, phone and email: no layout
/// draws more points than a 2× raster of the widest one has pixels, so each layout need not pass over
/// every observation of 30 years of daily data again (that was a quarter of an archive build).
/// Descriptions, data tables and the reading data use the chart as it was.
extension Chart {
    /// Points a line keeps at most, per stretch between breaks: two per unit of the widest layout.
    public static let drawingPoints = Int(ChartFormat.desktop.width * 2)

    /// This chart with each line or area longer than `drawingPoints` thinned to that many points by
    /// LTTB in data space (the same points LTTB picks in pixel space: scaling an axis scales every
    /// triangle alike), keeping each stretch's ends and extremes, its breaks, and its highlighted days.
    public func thinnedForDrawing() -> Chart {
        switch layout {
        case .time, .smallMultiples: break
        default: return self
        }
        guard series.contains(where: { $0.values.count > Chart.drawingPoints }) else { return self }
        var thin = self
        thin.series = series.map { $0.thinned(to: Chart.drawingPoints) }
        return thin
    }
}

extension ChartSeries {
    /// The series with each stretch (see `LineMark.runs`) of more than `limit` values thinned to
    /// about `limit`; stretches stay apart by a run of missing values longer than a line bridges.
    func thinned(to limit: Int) -> ChartSeries {
        guard kind == .line || kind == .area, values.count > limit else { return self }
        var days: [Day] = [], values: [Double] = []
        days.reserveCapacity(limit + 16)
        values.reserveCapacity(limit + 16)
        let runs = LineMark.runs(self)
        // The first and last dates stay, with or without a value: they set the time axis.
        if runs.first?.lowerBound != 0, let first = self.days.first { days.append(first); values.append(.nan) }
        for (k, run) in runs.enumerated() {
            if k > 0 {
                for _ in 0...LineMark.bridgedGap { days.append(self.days[run.lowerBound]); values.append(.nan) }
            }
            // One pass collects the stretch's values with their positions (most stretches have no gap).
            var finite: [Int] = [], xs: [Double] = [], ys: [Double] = []
            finite.reserveCapacity(run.count); xs.reserveCapacity(run.count); ys.reserveCapacity(run.count)
            self.values.withUnsafeBufferPointer { v in self.days.withUnsafeBufferPointer { d in
                for i in run where !v[i].isNaN {
                    finite.append(i); xs.append(Double(d[i].ordinal)); ys.append(v[i])
                }
            } }
            var keep = finite
            if finite.count > limit {
                keep = Downsample.lttb(xs: xs, ys: ys, target: limit).map { finite[$0] }
                if !highlight.isEmpty {
                    keep = Array(Set(keep + finite.filter { highlight.contains(self.days[$0]) })).sorted()
                }
            }
            for i in keep { days.append(self.days[i]); values.append(self.values[i]) }
        }
        if runs.last?.upperBound != self.values.count, let last = self.days.last { days.append(last); values.append(.nan) }
        var thin = self
        thin.days = days
        thin.values = values
        return thin
    }
}
