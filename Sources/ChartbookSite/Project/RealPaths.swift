import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Folders with every symbolic link resolved (realpath), remembered: a build reads a thousand
/// files from a handful of folders.
final class RealPaths: @unchecked Sendable {
    static let shared = RealPaths()
    private var known: [String: String] = [:]
    private let lock = NSLock()

    func resolve(_ folder: String) -> String? {
        lock.lock()
        if let hit = known[folder] { lock.unlock(); return hit }
        lock.unlock()
        guard let real = RealPaths.resolve(folder) else { return nil }
        lock.lock(); defer { lock.unlock() }
        if known.count > 1_024 { known.removeAll() } // `serve` runs for hours; folders can be renamed
        known[folder] = real
        return real
    }

    /// realpath(3): the absolute path with links, `.` and `..` resolved; nil when it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
