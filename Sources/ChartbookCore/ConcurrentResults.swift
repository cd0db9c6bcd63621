import Foundation

/// Collects the results of concurrent work by index, so they can be used in a fixed order (what is
/// reported, and which error stops the work, must not depend on scheduling).
public final class ConcurrentResults<T>: @unchecked Sendable {
    private var items: [Result<T, SourceError>?]
    private let lock = NSLock()
    public init(count: Int) { items = Array(repeating: nil, count: count) }
    public func set(_ i: Int, _ value: Result<T, SourceError>) { lock.lock(); items[i] = value; lock.unlock() }
    public func get(_ i: Int) -> Result<T, SourceError>? { lock.lock(); defer { lock.unlock() }; return items[i] }
}
