import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build of a project at a time: the page records, the spare folder and the output are shared,
/// and a second build running while the first swaps would read records about to change. A second
/// build waits for the first (an advisory `flock` on a file in the cache folder, released when the
/// process ends, however it ends).
public final class BuildLock: @unchecked Sendable {
    private let fd: Int32

    /// Takes the lock of the project whose cache folder is `cacheFolder`, waiting while another
    /// build holds it; `waiting` is told once when it has to wait.
    public init(cacheFolder: URL, waiting: (() -> Void)? = nil) throws(SourceError) {
        try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        let path = cacheFolder.appendingPathComponent("build.lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw SourceError(SourceLocation(file: path), "cannot open the build lock: \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            waiting?()
            while flock(fd, LOCK_EX) != 0 {
                if errno == EINTR { continue }
                close(fd)
                throw SourceError(SourceLocation(file: path), "cannot take the build lock: \(String(cString: strerror(errno)))")
            }
        }
        self.fd = fd
    }

    deinit { flock(fd, LOCK_UN); close(fd) }
}
