import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes whole files with plain POSIX calls. Foundation's `Data.write` syncs every file to disk
/// (fsync), which at archive scale (9,000 files) cost more than rendering them. A build's safety
/// comes from its staging folder and the one rename that swaps it in; a killed process loses
/// nothing the kernel already holds, so per-file syncs bought nothing.
enum PlainFile {
    /// Why a write failed, in the system's words.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Up to `count` bytes from `fd`, fewer when the file ends first.
    private static func readAll(_ fd: Int32, count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var got = 0
            while got < count, let base = buffer.baseAddress {
                let n = Glibc.read(fd, base + got, count - got)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                got += n
            }
            initialized = got
        }
    }

    /// Creates or truncates `path` and writes `data` to it.
    static func write(_ data: Data, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        try write(data, to: fd)
    }

    /// The inode of `existing` (a file of the live output) when it already holds exactly `data`.
    /// A rebuild mostly reproduces what is there: linking to it allocates no inode and no blocks.
    static func inodeIfIdentical(_ existing: String, data: Data) -> ino_t? {
        let fd = open(existing, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return nil }
        let existingBytes = readAll(fd, count: data.count)
        let same = existingBytes.count == data.count && existingBytes.withUnsafeBytes { a in
            data.withUnsafeBytes { b in a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
        return same ? info.st_ino : nil
    }

    /// Writes `data` over the plain file at `path` (one nothing else links to), cutting it to length.
    static func overwrite(_ path: String, with data: Data) throws(Failure) {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 else {
            throw Failure(description: "an output file being overwritten is linked elsewhere")
        }
        try write(data, to: fd)
        guard ftruncate(fd, off_t(data.count)) == 0 else { throw Failure(description: String(cString: strerror(errno))) }
    }

    private static func write(_ data: Data, to fd: Int32) throws(Failure) {
        let failure: Int32? = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            guard var next = buffer.baseAddress else { return nil }
            var left = buffer.count
            while left > 0 {
                let written = Glibc.write(fd, next, left)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                left -= written
                next += written
            }
            return nil
        }
        if let failure { throw Failure(description: String(cString: strerror(failure))) }
    }

    /// Writes to a temporary name beside `path`, then renames it into place, so a reader (or a
    /// killed build) never sees half a file.
    static func replace(_ path: String, with data: Data) throws(Failure) {
        let temporary = path + ".tmp-\(getpid())"
        do {
            try write(data, to: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = Failure(description: String(cString: strerror(errno)))
            unlink(temporary)
            throw failure
        }
    }
}
