import ChartbookCharts
import ChartbookCore
import ChartbookData
import Foundation

/// The CSV rows of whole series, formatted once per build. An archive's charts mostly plot the same
/// few series cut at different as-of dates, so each chart's CSV is a slice of these bytes rather
/// than thousands of dates and numbers formatted again for every issue.
final class ChartCSVRows: @unchecked Sendable {
    /// One series' rows: `offsets[i]` is where observation `i` starts (a missing value has no row).
    struct Rows {
        let series: Series
        let bytes: [UInt8]
        let offsets: [Int]
    }

    private var entries: [String: Rows] = [:]
    private let lock = NSLock()

    /// The rows for `plotted`, when it is an unchanged run of the whole series `id` (as an as-of cut
    /// or a date window is); nil when it is not (a transformed or re-sampled series), and the caller
    /// formats it itself.
    func rows(_ id: String, decimals: Int, plotted: ChartSeries, whole: () -> Series?) -> ArraySlice<UInt8>? {
        guard let first = plotted.days.first, let rows = entry(id, decimals: decimals, whole: whole) else { return nil }
        let whole = rows.series
        let start = whole.lowerBound(first)
        let end = start + plotted.days.count
        guard end <= whole.count, whole.days[start] == first else { return nil }
        for i in 0..<plotted.days.count {
            guard whole.days[start + i] == plotted.days[i],
                  whole.values[start + i].bitPattern == plotted.values[i].bitPattern else { return nil }
        }
        return rows.bytes[rows.offsets[start]..<rows.offsets[end]]
    }

    private func entry(_ id: String, decimals: Int, whole: () -> Series?) -> Rows? {
        let key = "\(id)|\(decimals)"
        lock.lock()
        let known = entries[key]
        lock.unlock()
        if let known { return known }
        guard let series = whole() else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(series.count * 18)
        var offsets: [Int] = []
        offsets.reserveCapacity(series.count + 1)
        for i in 0..<series.count {
            offsets.append(bytes.count)
            guard !series.values[i].isNaN else { continue }
            ChartData.appendRow(day: series.days[i], value: series.values[i], decimals: decimals, to: &bytes)
        }
        offsets.append(bytes.count)
        let rows = Rows(series: series, bytes: bytes, offsets: offsets)
        lock.lock()
        entries[key] = rows
        lock.unlock()
        return rows
    }
}
