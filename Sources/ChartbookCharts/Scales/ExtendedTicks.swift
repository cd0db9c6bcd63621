import Foundation

/// Extended Wilkinson tick labelling (Talbot, Lin & Hanrahan, 2010): searches steps of
/// q·10ᶻ·j (q from 1, 5, 2, 2.5, 4, 3) for the labelling that best balances simplicity, coverage,
/// density and legibility. Tighter than d3's rule on ranges such as 3.85–5.02.
public enum ExtendedTicks {
    static let q: [Double] = [1, 5, 2, 2.5, 4, 3]
    static let weights = (simplicity: 0.25, coverage: 0.2, density: 0.5, legibility: 0.05)

    public static func ticks(_ dmin: Double, _ dmax: Double, count m: Int) -> [Double] {
        guard dmin.isFinite, dmax.isFinite, dmax - dmin > 1e-12 else { return [dmin] }
        let n = Double(q.count)
        var best = -2.0
        var bestLabels: (Double, Double, Double)? = nil
        var j = 1.0
        outer: while j < 1_000 {
            for (index, qi) in q.enumerated() {
                let i = Double(index + 1)
                let sm = simplicityMax(i: i, n: n, j: j)
                if score(sm, 1, 1, 1) < best { break outer }
                var k = 2.0
                while k < 100 {
                    let dm = densityMax(k: k, m: Double(m))
                    if score(sm, 1, dm, 1) < best { break }
                    let delta = (dmax - dmin) / (k + 1) / j / qi
                    var z = ceil(log10(delta))
                    while z < 20 {
                        let step = j * qi * pow(10, z)
                        let cm = coverageMax(dmin, dmax, span: step * (k - 1))
                        if score(sm, cm, dm, 1) < best { break }
                        let minStart = floor(dmax / step) * j - (k - 1) * j
                        let maxStart = ceil(dmin / step) * j
                        if minStart > maxStart { z += 1; continue }
                        var start = minStart
                        while start <= maxStart {
                            let lmin = start * (step / j), lmax = lmin + step * (k - 1)
                            let s = simplicity(i: i, n: n, j: j, lmin: lmin, lmax: lmax, step: step)
                            let c = coverage(dmin, dmax, lmin, lmax)
                            let g = density(k: k, m: Double(m), dmin, dmax, lmin, lmax)
                            let total = score(s, c, g, 1)
                            if total > best { best = total; bestLabels = (lmin, lmax, step) }
                            start += 1
                        }
                        z += 1
                    }
                    k += 1
                }
            }
            j += 1
        }
        guard let (lmin, lmax, step) = bestLabels else { return LinearTicks.ticks(dmin, dmax, count: m) }
        // Compute on integers to avoid float noise, as for d3 ticks.
        let decimals = LinearTicks.decimals(forStep: step)
        let scale = pow(10, Double(decimals))
        var out: [Double] = []
        var v = lmin
        while v <= lmax + step / 2 { out.append((v * scale).rounded() / scale); v += step }
        return out
    }

    static func score(_ s: Double, _ c: Double, _ d: Double, _ l: Double) -> Double {
        weights.simplicity * s + weights.coverage * c + weights.density * d + weights.legibility * l
    }

    static func simplicity(i: Double, n: Double, j: Double, lmin: Double, lmax: Double, step: Double) -> Double {
        let eps = 1e-10
        let remainder = lmin.truncatingRemainder(dividingBy: step)
        let v: Double = (abs(remainder) < eps || abs(step - abs(remainder)) < eps) && lmin <= 0 && lmax >= 0 ? 1 : 0
        return 1 - (i - 1) / (n - 1) - j + v
    }

    static func simplicityMax(i: Double, n: Double, j: Double) -> Double { 1 - (i - 1) / (n - 1) - j + 1 }

    static func coverage(_ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let range = dmax - dmin
        return 1 - 0.5 * (pow(dmax - lmax, 2) + pow(dmin - lmin, 2)) / pow(0.1 * range, 2)
    }

    static func coverageMax(_ dmin: Double, _ dmax: Double, span: Double) -> Double {
        let range = dmax - dmin
        guard span > range else { return 1 }
        let half = (span - range) / 2
        return 1 - 0.5 * (2 * half * half) / pow(0.1 * range, 2)
    }

    static func density(k: Double, m: Double, _ dmin: Double, _ dmax: Double, _ lmin: Double, _ lmax: Double) -> Double {
        let r = (k - 1) / (lmax - lmin)
        let rt = (m - 1) / (max(lmax, dmax) - min(dmin, lmin))
        return 2 - max(r / rt, rt / r)
    }

    static func densityMax(k: Double, m: Double) -> Double { k >= m ? 2 - (k - 1) / (m - 1) : 1 }
}
