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
    /// Staging folders already cleared of leftovers (by `carryOver`), which `removeStale` skips.
    private var settledFolders = Set<String>()
    private let lock = NSLock()

    /// The live output, whose unchanged files are linked rather than written again.
    private let live: URL?

    /// Staging is not created empty: it is the output before last (the spare, see `OutputWriter`),
    /// updated in place. A file already there is overwritten where it stands when nothing else
    /// links to it (on ext4 without a journal, allocating inodes just after freeing thousands cost
    /// more than rendering the site), replaced when it is a link into the live output (never
    /// written through), and left alone when it already is the live file a page carries over.
    /// Whatever the build did not produce is removed before the swap (`removeStale`).
    init(memory: Void = ()) { mode = .memory; live = nil }
    init(staging: URL, live: URL? = nil) {
        mode = .disk(staging)
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
            record(file.path)
            do {
                try ensureFolder(Self.folder(of: target))
                var existing = stat()
                var exists = lstat(target, &existing) == 0
                if exists && (existing.st_mode & S_IFMT) == S_IFDIR {
                    OutputWriter.removeTree(target) // a folder once, a file now
                    exists = false
                }
                if let live {
                    let livePath = Self.join(live, file.path)
                    if let inode = PlainFile.inodeIfIdentical(livePath, data: file.data) {
                        if exists && existing.st_ino == inode { return } // already that very file
                        if exists { unlink(target) }
                        if link(livePath, target) == 0 { return }
                        exists = false
                    }
                }
                if exists && (existing.st_mode & S_IFMT) == S_IFREG && existing.st_nlink == 1 {
                    try PlainFile.overwrite(target, with: file.data)
                } else {
                    if exists { unlink(target) }
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

    /// Notes several paths as written, under one lock (an issue's files are carried over together).
    func record(contentsOf newPaths: [String]) {
        lock.lock(); defer { lock.unlock() }
        for path in newPaths { paths.insert(path) }
    }

    /// Makes room for about `count` paths at once rather than growing (and rehashing) step by step.
    func reserve(_ count: Int) { lock.lock(); paths.reserveCapacity(count); lock.unlock() }

    func unrecord(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }

    /// Creates a folder once per build, however many files go into it.
    func ensureFolder(_ folder: String) throws {
        lock.lock()
        let known = createdFolders.contains(folder)
        lock.unlock()
        guard !known else { return }
        // mkdir(2) directly: FileManager checks every path component, which dominates at 1,000 issues.
        if mkdir(folder, 0o755) != 0 {
            var info = stat()
            if errno == EEXIST, lstat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
                unlink(folder) // a file once, a folder now
            }
            if lstat(folder, &info) != 0 {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        lock.lock(); createdFolders.insert(folder); lock.unlock()
    }

    /// `base/path` as a plain string: `URL.appendingPathComponent` asks the file system whether the
    /// result is a folder, one `stat` per call, tens of thousands of them in an archive build.
    static func join(_ base: URL, _ path: String) -> String {
        let root = base.path
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }

    /// The folder part of a path (`issues/x/index.html` → `issues/x`; `index.html` → ``).
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 47) else { return "" } // by bytes: "/" is ASCII
        return String(path[..<slash])
    }

    /// The name part of a path (`issues/x/index.html` → `index.html`).
    static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: 47) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// Removes from the staging folder every file and folder this build did not write or carry
    /// over: what is left of the output before last.
    func removeStale() {
        guard case .disk(let root) = mode else { return }
        lock.lock(); let keep = paths, settled = settledFolders; lock.unlock()
        // The root as `join` writes it, so folder paths here match the ones `markSettled` was given.
        let base = root.path.hasSuffix("/") ? String(root.path.dropLast()) : root.path
        _ = Self.removeStale(in: base, relative: "", keep: keep, settled: settled)
    }

    /// Notes that a staging folder holds nothing but what this build put there.
    func markSettled(_ folder: String) { lock.lock(); settledFolders.insert(folder); lock.unlock() }

    /// Returns how many entries remain in `folder`.
    private static func removeStale(in folder: String, relative: String, keep: Set<String>, settled: Set<String>) -> Int {
        // A settled folder holds only files this build made (at least one), and no folders.
        if settled.contains(folder) { return 1 }
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return 1 }
        defer { close(fd) }
        guard let entries = DirectoryListing.entries(of: fd) else { return 1 }
        var remaining = 0
        var subfolders: [String] = []
        for entry in entries {
            if entry.isFolder { subfolders.append(entry.name); continue }
            if keep.contains(relative + entry.name) || unlinkat(fd, entry.name, 0) != 0 { remaining += 1 }
        }
        for name in subfolders {
            let path = folder + "/" + name
            if removeStale(in: path, relative: relative + name + "/", keep: keep, settled: settled) == 0 && rmdir(path) == 0 { continue }
            remaining += 1
        }
        return remaining
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

