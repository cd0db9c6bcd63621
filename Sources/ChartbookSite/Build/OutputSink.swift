import ChartbookCore
import Foundation

/// Where build steps put files as soon as they are made: straight into the staging folder of a
/// real build (so a 1,000-issue archive never sits in memory), or into memory for `render()`.
public final class OutputSink: @unchecked Sendable {
    enum Mode { case memory, disk(URL) }

    private let mode: Mode
    private var memory: [String: Data] = [:]
    private var paths = Set<String>()
    private var createdFolders = Set<String>()
    private let lock = NSLock()

    init(memory: Void = ()) { mode = .memory }
    init(staging: URL) { mode = .disk(staging) }

    /// Writes one file; a path outside the output folder is refused.
    public func write(_ file: OutputFile) throws(SourceError) {
        guard !file.path.isEmpty, !file.path.hasPrefix("/"), !file.path.split(separator: "/").contains("..") else {
            throw SourceError(SourceLocation(file: file.path), "refusing to write outside the output folder")
        }
        switch mode {
        case .memory:
            lock.lock(); memory[file.path] = file.data; paths.insert(file.path); lock.unlock()
        case .disk(let root):
            let url = root.appendingPathComponent(file.path)
            let folder = url.deletingLastPathComponent().path
            lock.lock()
            let known = createdFolders.contains(folder)
            paths.insert(file.path)
            lock.unlock()
            do {
                if !known {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    lock.lock(); createdFolders.insert(folder); lock.unlock()
                }
                try file.data.write(to: url)
            } catch {
                throw SourceError(SourceLocation(file: file.path), "cannot write: \(error.localizedDescription)")
            }
        }
    }

    public func write(_ path: String, _ text: String) throws(SourceError) { try write(OutputFile(path: path, contents: text)) }

    /// Every path written so far, sorted.
    public var allPaths: [String] {
        lock.lock(); defer { lock.unlock() }
        return paths.sorted()
    }

    /// The files kept in memory (memory mode), sorted by path.
    public var files: [OutputFile] {
        lock.lock(); defer { lock.unlock() }
        return memory.keys.sorted().map { OutputFile(path: $0, data: memory[$0]!) }
    }
}
