import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces several files in one folder all or nothing (`import` and `fetch` rewrite `Data/`).
/// New files are written into a journal folder inside it; one rename of the journal's list makes
/// the change decided; then each file is renamed into place. Whoever next opens a transaction on
/// the folder (or calls `recover`) finishes a decided change and throws away an undecided one:
///
/// - killed while staging: the list was never committed; the journal is removed, every file is as it was;
/// - killed while renaming into place: the committed list says what is left to move, and it is moved.
///
/// Transactions on one folder are serialised by an advisory lock on the folder itself, so a build
/// reading `Data/` never tidies up after an import that is still running.
public final class FileTransaction: @unchecked Sendable {
    /// The journal folder's name (hidden, inside the folder being changed).
    public static let journalName = ".chartbook-journal"
    static let committedName = "COMMITTED"

    public let folder: URL
    private let lockFD: Int32
    private var staged: [String] = []
    private var finished = false

    /// Opens a transaction on `folder`, waiting while another holds it, after recovering whatever a
    /// killed one left.
    public init(folder: URL) throws(SourceError) {
        self.folder = folder
        lockFD = try FileTransaction.lock(folder)
        do {
            try FileTransaction.recoverLocked(folder)
            try FileTransaction.makeFolder(FileTransaction.journal(folder).appendingPathComponent("files"))
        } catch {
            flock(lockFD, LOCK_UN); close(lockFD)
            throw error
        }
    }

    deinit {
        if !finished { FileTransaction.removeTree(FileTransaction.journal(folder).path) }
        flock(lockFD, LOCK_UN)
        close(lockFD)
    }

    /// Stages the new contents of `path` (relative to the folder, inside it).
    public func stage(_ path: String, _ data: Data) throws(SourceError) {
        try FileTransaction.checkRelative(path)
        let target = FileTransaction.journal(folder).appendingPathComponent("files").appendingPathComponent(path)
        try FileTransaction.makeFolder(target.deletingLastPathComponent())
        try FileTransaction.writeSynced(data, to: target.path)
        staged.append(path)
    }

    /// Makes every staged file the folder's, or (on error before the commit point) none of them.
    public func commit() throws(SourceError) {
        let journal = FileTransaction.journal(folder)
        let list = Data(staged.map { $0 + "\n" }.joined().utf8)
        let pending = journal.appendingPathComponent("COMMITTING")
        try FileTransaction.writeSynced(list, to: pending.path)
        guard rename(pending.path, journal.appendingPathComponent(FileTransaction.committedName).path) == 0 else {
            throw SourceError(SourceLocation(file: journal.path), "cannot commit: \(String(cString: strerror(errno)))")
        }
        FileTransaction.syncFolder(journal.path)
        finished = true
        try FileTransaction.rollForward(folder)
    }

    /// Finishes or discards what a killed transaction left in `folder`; nothing when there is none.
    public static func recover(_ folder: URL) throws(SourceError) {
        var info = stat()
        guard lstat(journal(folder).path, &info) == 0 else { return } // the common case costs one lstat
        let fd = try lock(folder)
        defer { flock(fd, LOCK_UN); close(fd) }
        try recoverLocked(folder)
    }

    // MARK: - Steps

    static func journal(_ folder: URL) -> URL { folder.appendingPathComponent(journalName) }

    private static func recoverLocked(_ folder: URL) throws(SourceError) {
        let journal = journal(folder)
        var info = stat()
        guard lstat(journal.path, &info) == 0 else { return }
        if lstat(journal.appendingPathComponent(committedName).path, &info) == 0 {
            try rollForward(folder)
        } else {
            removeTree(journal.path)
        }
    }

    /// Moves every file the committed list names into place (those already moved are skipped), then
    /// removes the journal.
    private static func rollForward(_ folder: URL) throws(SourceError) {
        let journal = journal(folder)
        let listPath = journal.appendingPathComponent(committedName).path
        let list: [UInt8]
        do { list = try RegularFile.read(listPath, limit: 16 << 20) } catch {
            throw SourceError(SourceLocation(file: listPath), "cannot read the journal: \(error)")
        }
        for line in String(decoding: list, as: UTF8.self).split(separator: "\n") {
            let path = String(line)
            try checkRelative(path)
            let source = journal.appendingPathComponent("files").appendingPathComponent(path)
            let target = folder.appendingPathComponent(path)
            var info = stat()
            guard lstat(source.path, &info) == 0 else { continue } // moved before the kill
            try makeFolder(target.deletingLastPathComponent())
            guard rename(source.path, target.path) == 0 else {
                throw SourceError(SourceLocation(file: target.path), "cannot move the new file into place: \(String(cString: strerror(errno))); the next run finishes the move")
            }
        }
        syncFolder(folder.path)
        removeTree(journal.path)
    }

    private static func lock(_ folder: URL) throws(SourceError) -> Int32 {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SourceError(SourceLocation(file: folder.path), "cannot open the folder: \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            close(fd)
            throw SourceError(SourceLocation(file: folder.path), "cannot lock the folder: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// A path inside the folder: relative, no `.` or `..` segment, not the journal.
    static func checkRelative(_ path: String) throws(SourceError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }),
              parts.first.map({ String($0) != journalName }) ?? false else {
            throw SourceError(SourceLocation(file: path), "refusing to write outside the folder")
        }
    }

    private static func makeFolder(_ url: URL) throws(SourceError) {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw SourceError(SourceLocation(file: url.path), "cannot create the folder: \(error.localizedDescription)")
        }
    }

    /// Writes and syncs a file, so a decided change survives a power cut, not only a kill.
    private static func writeSynced(_ data: Data, to path: String) throws(SourceError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw SourceError(SourceLocation(file: path), "cannot write: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let failed: Int32 = data.withUnsafeBytes { buffer in
            guard var next = buffer.baseAddress else { return 0 }
            var left = buffer.count
            while left > 0 {
                let n = Glibc.write(fd, next, left)
                if n < 0 { if errno == EINTR { continue }; return errno }
                left -= n; next += n
            }
            return 0
        }
        if failed != 0 { throw SourceError(SourceLocation(file: path), "cannot write: \(String(cString: strerror(failed)))") }
        guard fsync(fd) == 0 else { throw SourceError(SourceLocation(file: path), "cannot write: \(String(cString: strerror(errno)))") }
    }

    private static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private static func removeTree(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
}
