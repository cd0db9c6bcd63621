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

    /// Creates or truncates `path` and writes `data` to it.
    static func write(_ data: Data, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: String(cString: strerror(errno))) }
        defer { close(fd) }
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
