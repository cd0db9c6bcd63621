import Foundation

/// Linear tick selection by d3's rule: steps of 1, 2 or 5 × 10ⁿ chosen in log space, computed on
/// integers so ticks read 0.3 rather than 0.30000000000000004.
public enum LinearTicks {
    /// The signed step d3 calls `tickIncrement`: positive means `step`, negative means `1 / -step`.
    static func increment(_ start: Double, _ stop: Double, count: Double) -> Double {
        let step = (stop - start) / max(0, count)
        guard step > 0, step.isFinite else { return .nan }
        let power = floor(log10(step))
        let error = step / pow(10, power)
        let factor: Double = error >= 50.squareRoot() ? 10 : error >= 10.squareRoot() ? 5 : error >= 2.squareRoot() ? 2 : 1
        return power >= 0 ? factor * pow(10, power) : -pow(10, -power) / factor
    }

    /// Tick values in [start, stop], about `count` of them.
    public static func ticks(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard start.isFinite, stop.isFinite, count > 0 else { return [] }
        if start == stop { return [start] }
        let (lo, hi) = start < stop ? (start, stop) : (stop, start)
        var inc = increment(lo, hi, count: Double(count))
        guard inc.isFinite, inc != 0 else { return [] }
        var values: [Double] = []
        func fill() {
            values = []
            if inc < 0 {
                let inv = -inc
                var i1 = (lo * inv).rounded(), i2 = (hi * inv).rounded()
                if i1 / inv < lo { i1 += 1 }
                if i2 / inv > hi { i2 -= 1 }
                if i2 >= i1 { var i = i1; while i <= i2 { values.append(i / inv); i += 1 } }
            } else {
                var i1 = (lo / inc).rounded(), i2 = (hi / inc).rounded()
                if i1 * inc < lo { i1 += 1 }
                if i2 * inc > hi { i2 -= 1 }
                if i2 >= i1 { var i = i1; while i <= i2 { values.append(i * inc); i += 1 } }
            }
        }
        fill()
        if values.isEmpty && count < 2 {
            inc = increment(lo, hi, count: Double(count * 2))
            fill()
        }
        return values
    }

    /// The step between ticks for this domain and count (always positive).
    public static func step(_ start: Double, _ stop: Double, count: Int) -> Double {
        let inc = increment(min(start, stop), max(start, stop), count: Double(count))
        return inc < 0 ? 1 / -inc : inc
    }

    /// Widens [start, stop] to whole steps, repeating while the step changes (d3's `nice`).
    public static func nice(_ start: Double, _ stop: Double, count: Int) -> (Double, Double) {
        var lo = start, hi = stop
        guard lo < hi else { return (lo, hi) }
        var previous = 0.0
        for _ in 0..<10 {
            let inc = increment(lo, hi, count: Double(count))
            if inc == previous || !inc.isFinite || inc == 0 { break }
            if inc > 0 {
                lo = floor(lo / inc) * inc
                hi = ceil(hi / inc) * inc
            } else {
                lo = ceil(lo * inc) / inc
                hi = floor(hi * inc) / inc
            }
            previous = inc
        }
        return (lo, hi)
    }

    /// Decimals needed to print every tick of this step exactly (0 for steps ≥ 1).
    public static func decimals(forStep step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var places = 0
        var scaled = step
        while places < 10 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            places += 1
        }
        return places
    }
}
