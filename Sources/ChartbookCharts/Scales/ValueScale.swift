import Foundation

/// Maps values to vertical (or horizontal) pixels, linearly or on a log₁₀ scale.
public struct ValueScale: Sendable {
    public var domain: (Double, Double)
    public var range: (Double, Double)
    public var logarithmic: Bool

    public init(domain: (Double, Double), range: (Double, Double), logarithmic: Bool = false) {
        self.domain = domain
        self.range = range
        self.logarithmic = logarithmic
    }

    public func callAsFunction(_ value: Double) -> Double {
        if logarithmic {
            let a = log10(max(domain.0, 1e-12)), b = log10(max(domain.1, 1e-12))
            guard b != a else { return (range.0 + range.1) / 2 }
            return range.0 + (log10(max(value, 1e-12)) - a) / (b - a) * (range.1 - range.0)
        }
        guard domain.1 != domain.0 else { return (range.0 + range.1) / 2 }
        return range.0 + (value - domain.0) / (domain.1 - domain.0) * (range.1 - range.0)
    }
}

/// The value axis of a plot: its domain, tick values and label decimals.
public struct ValueTicks: Sendable {
    public var domain: (Double, Double)
    public var ticks: [Double]
    public var decimals: Int

    /// Chooses domain and ticks for `values` drawn over `length` px, honouring the axis options.
    public static func make(values: [Double], axis: ValueAxis, length: Double) -> ValueTicks {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (!axis.logarithmic || v > 0) { lo = min(lo, v); hi = max(hi, v) }
        if axis.includeZero && !axis.logarithmic { lo = min(lo, 0); hi = max(hi, 0) }
        if !lo.isFinite { (lo, hi) = axis.logarithmic ? (1, 10) : (0, 1) }
        if lo == hi { lo -= abs(lo) * 0.1 + 1; hi += abs(hi) * 0.1 + 1; if axis.logarithmic { lo = max(lo, hi / 10) } }
        let count = max(3, min(8, Int(length / 55)))
        if axis.logarithmic { return log(lo: axis.min ?? lo, hi: axis.max ?? hi) }
        var (nlo, nhi): (Double, Double)
        var ticks: [Double]
        switch axis.tickMethod {
        case .d3:
            (nlo, nhi) = LinearTicks.nice(lo, hi, count: count)
            if let m = axis.min { nlo = m }
            if let m = axis.max { nhi = m }
            ticks = LinearTicks.ticks(nlo, nhi, count: count)
        case .extended:
            let labels = ExtendedTicks.ticks(axis.min ?? lo, axis.max ?? hi, count: count)
            ticks = labels
            nlo = min(axis.min ?? lo, labels.first ?? lo)
            nhi = max(axis.max ?? hi, labels.last ?? hi)
        }
        let step = ticks.count >= 2 ? ticks[1] - ticks[0] : LinearTicks.step(nlo, nhi, count: count)
        return ValueTicks(domain: (nlo, nhi), ticks: ticks, decimals: axis.decimals ?? LinearTicks.decimals(forStep: step))
    }

    /// Powers of ten (with 2 and 5 between them when few decades are shown); within one decade,
    /// round bounds at the data's leading digit and evenly stepped ticks, so the data fills the plot.
    static func log(lo: Double, hi: Double) -> ValueTicks {
        if hi / lo < 10 {
            let unit = pow(10, floor(log10(lo)))
            let nlo = floor(lo / unit) * unit, nhi = ceil(hi / unit) * unit
            let ticks = LinearTicks.ticks(nlo, nhi, count: 5)
            let step = ticks.count >= 2 ? ticks[1] - ticks[0] : unit
            return ValueTicks(domain: (nlo, nhi), ticks: ticks, decimals: LinearTicks.decimals(forStep: step))
        }
        let a = floor(log10(lo)), b = ceil(log10(hi))
        var ticks: [Double] = []
        let multipliers: [Double] = b - a <= 2 ? [1, 2, 5] : [1]
        var e = a
        while e <= b {
            for m in multipliers {
                let v = m * pow(10, e)
                if v >= pow(10, a) && v <= pow(10, b) { ticks.append(v) }
            }
            e += 1
        }
        let decimals = max(0, Int(-a))
        return ValueTicks(domain: (pow(10, a), pow(10, b)), ticks: ticks, decimals: decimals)
    }
}
