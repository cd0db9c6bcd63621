import Foundation

/// How far the long step of a build has got: issues and pages done of the total, charts drawn, and
/// the time so far (from which a caller estimates the time left).
public struct BuildProgress: Sendable {
    public var done: Int
    public var total: Int
    public var charts: Int
    public var elapsed: TimeInterval

    /// The time left at the pace so far; nil until a few items are done.
    public var remaining: TimeInterval? {
        guard done >= 3, done < total else { return nil }
        return elapsed / Double(done) * Double(total - done)
    }

    /// Counts finished items from many threads and reports each one.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var done = 0, charts = 0
        private let total: Int
        private let started = Date()
        private let report: (@Sendable (BuildProgress) -> Void)?

        init(total: Int, report: (@Sendable (BuildProgress) -> Void)?) {
            self.total = total
            self.report = report
        }

        func finished(charts drawn: Int) {
            guard let report else { return }
            lock.lock()
            done += 1
            charts += drawn
            let now = BuildProgress(done: done, total: total, charts: charts, elapsed: Date().timeIntervalSince(started))
            lock.unlock()
            report(now)
        }
    }
}
