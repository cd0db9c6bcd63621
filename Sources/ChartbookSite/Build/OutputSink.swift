import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where build steps put files as soon as they are made: straight into the staging folder of a
/// real build (so a 1,000-issue archive never sits in memory), or into memory for `render()`.
public final class OutputSink: @unchecked Sendable {
    enum Mode { case memory, disk(URL) }

    let mode: Mode
    private var memory: [String: Data] = [:]
    private var paths = Set<String>()
    private var createdFolders = Set<String>()
    private let lock = NSLock()

    /// The previous output, whose files are moved into the staging folder and overwritten rather
    /// than deleted while new ones are created: on a file system that scans recently freed inodes
    /// when allocating (ext4 without a journal), that churn cost more than rendering the site.
    private let spare: URL?

    init(memory: Void = ()) { mode = .memory; spare = nil }
    init(staging: URL, spare: URL? = nil) {
        mode = .disk(staging)
        self.spare = spare.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    /// Writes one file; a path outside the output folder is refused.
    public func write(_ file: OutputFile) throws(SourceError) {
        guard !file.path.isEmpty, !file.path.hasPrefix("/"), !file.path.split(separator: "/").contains("..") else {
            throw SourceError(SourceLocation(file: file.path), "refusing to write outside the output folder")
        }
        switch mode {
        case .memory:
            lock.lock(); memory[file.path] = file.data; paths.insert(file.path); lock.unlock()
        case .disk(let root):
            let target = Self.join(root, file.path)
            record(file.path)
            do {
                try ensureFolder(Self.folder(of: target))
                if let spare, PlainFile.recycle(Self.join(spare, file.path), as: target) {
                    try PlainFile.overwrite(target, with: file.data)
                } else {
                    try PlainFile.write(file.data, to: target)
                }
            } catch let failure as PlainFile.Failure {
                throw SourceError(SourceLocation(file: file.path), "cannot write: \(failure)")
            } catch {
                throw SourceError(SourceLocation(file: file.path), "cannot write: \(error.localizedDescription)")
            }
        }
    }

    public func write(_ path: String, _ text: String) throws(SourceError) { try write(OutputFile(path: path, contents: text)) }

    func record(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
    func unrecord(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }

    /// Creates a folder once per build, however many files go into it.
    func ensureFolder(_ folder: String) throws {
        lock.lock()
        let known = createdFolders.contains(folder)
        lock.unlock()
        guard !known else { return }
        // mkdir(2) directly: FileManager checks every path component, which dominates at 1,000 issues.
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        lock.lock(); createdFolders.insert(folder); lock.unlock()
    }

    /// `base/path` as a plain string: `URL.appendingPathComponent` asks the file system whether the
    /// result is a folder, one `stat` per call, tens of thousands of them in an archive build.
    static func join(_ base: URL, _ path: String) -> String {
        let root = base.path
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }

    /// The folder part of a path made by `join`.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }

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
