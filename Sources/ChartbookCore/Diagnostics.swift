import Foundation

/// A problem found in the user's input: an error stops a build; a warning is reported and,
/// under `--strict`, fails `check` too.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// `note`: something the author should know that is not a problem (never fails `--strict`).
    public enum Severity: String, Sendable, Hashable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public init(_ error: SourceError) { self.init(.error, error.location, error.message) }

    /// `file:line:col: error: message`, as compilers print it.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Where readers and checks report problems. Building stops at the first error (`failFast`);
/// `chartbook check` collects them all (`collect`), and the reader skips the bad row and goes on.
public final class ProblemSink: @unchecked Sendable {
    public enum Mode: Sendable { case failFast, collect }

    public let mode: Mode
    private var items: [Diagnostic] = []
    private let lock = NSLock()
    /// How many problems one file may report before the rest are summarised.
    public var perFileLimit = 20

    public init(mode: Mode) { self.mode = mode }

    /// Records an error; in fail-fast mode, throws it.
    public func error(_ error: SourceError) throws(SourceError) {
        if mode == .failFast { throw error }
        append(Diagnostic(error))
    }

    public func warning(_ location: SourceLocation, _ message: String) {
        append(Diagnostic(.warning, location, message))
    }

    public func note(_ location: SourceLocation, _ message: String) {
        append(Diagnostic(.note, location, message))
    }

    private func append(_ diagnostic: Diagnostic) {
        lock.lock(); defer { lock.unlock() }
        let sameFile = items.filter { $0.location.file == diagnostic.location.file }.count
        if sameFile < perFileLimit {
            items.append(diagnostic)
        } else if sameFile == perFileLimit {
            items.append(Diagnostic(diagnostic.severity, SourceLocation(file: diagnostic.location.file), "more problems in this file are not listed"))
        }
    }

    public var diagnostics: [Diagnostic] {
        lock.lock(); defer { lock.unlock() }
        return items
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}
