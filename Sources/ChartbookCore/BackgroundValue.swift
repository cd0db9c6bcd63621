import Foundation

/// A value worked out on another thread while the caller does something else; `value` waits for
/// it. The build reads its page cache this way while the data loads, and encodes the next one
/// while the site-wide pages are made.
public final class BackgroundValue<T>: @unchecked Sendable {
    private var result: T?
    private let ready = DispatchSemaphore(value: 0)

    public init(_ make: @escaping @Sendable () -> T) {
        DispatchQueue.global().async { [self] in
            result = make()
            ready.signal()
        }
    }

    /// The value, once made (later calls return at once).
    public var value: T {
        ready.wait()
        defer { ready.signal() }
        return result! // set before the signal that let us through
    }
}
