import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads input files, refusing anything but a regular file: a FIFO, socket or device in place of
/// an issue or data file must be an error, not a build that waits forever for a writer.
public enum RegularFile {
    /// Why a file could not be read.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missing
        case notRegular(kind: String)
        case tooLarge(size: Int, limit: Int)
        case unreadable(reason: String)

        public var description: String {
            switch self {
            case .missing: "is missing"
            case .notRegular(let kind): "is \(kind), not a regular file; refusing to read it"
            case .tooLarge(let size, let limit): "is \(size) bytes; the limit is \(limit)"
            case .unreadable(let reason): "cannot be read: \(reason)"
            }
        }
    }

    /// The whole file at `path` (links followed), at most `limit` bytes. Opened without blocking, so
    /// a FIFO is seen for what it is before anything waits on it.
    public static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable(reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegular(kind: kind(info.st_mode)) }
        let size = Int(info.st_size)
        guard size <= limit else { throw .tooLarge(size: size, limit: limit) }
        return try readAll(fd, count: size) // a file that shrank while being read gives what is there
    }

    /// What a non-regular file is, in words.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "a special file"
        }
    }

    /// Up to `count` bytes from `fd`, fewer when the file ends first.
    private static func readAll(_ fd: Int32, count: Int) throws(Failure) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var got = 0
            while got < count, let base = buffer.baseAddress {
                let n = Glibc.read(fd, base + got, count - got)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = errno; break }
                guard n > 0 else { break }
                got += n
            }
            initialized = got
        }
        if failure != 0 { throw .unreadable(reason: String(cString: strerror(failure))) }
        return bytes
    }
}
