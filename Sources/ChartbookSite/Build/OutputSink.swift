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

    /// The output before last, whose files are moved into the staging folder and overwritten rather
    /// than deleted while new ones are created: on a file system that scans recently freed inodes
    /// when allocating (ext4 without a journal), that churn cost more than rendering the site.
    /// A file whose new contents equal the live output's is linked to it instead (no write at all).
    private let spare: URL?

    /// The live output, whose unchanged files are linked rather than written again.
    private let live: URL?

    init(memory: Void = ()) { mode = .memory; spare = nil; live = nil }
    init(staging: URL, spare: URL? = nil, live: URL? = nil) {
        mode = .disk(staging)
        self.spare = spare.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
        self.live = live.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil }
    }

    /// Writes one file; a path outside the output folder is refused.
    public func write(_ file: OutputFile) throws(SourceError) {
        guard !file.path.isEmpty, !file.path.hasPrefix("/"), !file.path.split(separator: "/").contains("..") else {
            throw SourceError(SourceLocation(file: file.path), "refusing to write outside the output folder")
        }
        switch mode {
        case .memory:
            lock.lock(); memory[file.path] = file.data; lock.unlock()
            record(file.path)
        case .disk(let root):
            let target = Self.join(root, file.path)
            // A path written twice may by now be a link into the live output: never write through it.
            if !record(file.path) { unlink(target) }
            do {
                try ensureFolder(Self.folder(of: target))
                if let live, PlainFile.linkIfIdentical(Self.join(live, file.path), as: target, data: file.data) {
                    return
                } else if let spare, PlainFile.recycle(Self.join(spare, file.path), as: target) {
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

    /// Notes a path as written; false when it already was.
    @discardableResult
    func record(_ path: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return paths.insert(path).inserted
    }

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

    /// The folder part of an output path (`issues/x/index.html` → `issues/x`; `index.html` → ``).
    static func folder(ofRelative path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
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
