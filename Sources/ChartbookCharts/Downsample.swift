/// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the points that shape a
/// line. The result is a subset of the input, always holding the first, last, minimum and maximum.
public enum Downsample {
    /// Indices into `xs`/`ys` (finite values, sorted by x) to keep, at most about `target` of them.
    public static func lttb(xs: [Double], ys: [Double], target: Int) -> [Int] {
        let n = xs.count
        guard target >= 3, n > target else { return Array(0..<n) }
        var kept: [Int] = [0]
        kept.reserveCapacity(target + 2)
        let every = Double(n - 2) / Double(target - 2)
        var a = 0
        // Unchecked buffers: this loop visits every point of every long series on every chart.
        xs.withUnsafeBufferPointer { xs in ys.withUnsafeBufferPointer { ys in
        for bucket in 0..<(target - 2) {
            let start = Int(Double(bucket) * every) + 1
            let end = min(Int(Double(bucket + 1) * every) + 1, n - 1)
            let nextStart = end
            let nextEnd = min(Int(Double(bucket + 2) * every) + 1, n)
            var avgX = 0.0, avgY = 0.0
            let count = max(1, nextEnd - nextStart)
            for i in nextStart..<max(nextStart + 1, nextEnd) where i < n { avgX += xs[i]; avgY += ys[i] }
            avgX /= Double(count); avgY /= Double(count)
            var best = start, bestArea = -1.0
            for i in start..<max(start + 1, end) where i < n {
                let area = abs((xs[a] - avgX) * (ys[i] - ys[a]) - (xs[a] - xs[i]) * (avgY - ys[a]))
                if area > bestArea { bestArea = area; best = i }
            }
            kept.append(best)
            a = best
        }
        } }
        kept.append(n - 1)
        // Force the extremes in: quoted highs and lows must be visible on the chart. One pass for
        // both (the first of equal values, as `min(by:)` and `max(by:)` would pick).
        var minIndex = 0, maxIndex = 0
        ys.withUnsafeBufferPointer { ys in
            var low = ys[0], high = ys[0]
            for i in 1..<n {
                let y = ys[i]
                if y < low { low = y; minIndex = i }
                if y > high { high = y; maxIndex = i }
            }
        }
        for extreme in [minIndex, maxIndex] {
            // `kept` is sorted: a binary search finds where the extreme belongs.
            var lo = 0, hi = kept.count
            while lo < hi { let mid = (lo + hi) / 2; if kept[mid] < extreme { lo = mid + 1 } else { hi = mid } }
            if lo == kept.count || kept[lo] != extreme { kept.insert(extreme, at: lo) }
        }
        return kept
    }
}
