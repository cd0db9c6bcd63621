import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Clears the spare folder (the output before last, see `OutputSink`) on its own thread while the
/// build renders. A spare file that is also a name of a live output file (hard-linked there by an
/// incremental build, so more than one link) can never be recycled, only deleted; deleting
/// thousands of them at the swap, after everything else, was the largest single cost of an
/// incremental build. Files with one link are left for the build to recycle; the rest of the
/// folder goes at the swap.
final class SpareSweeper: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)

    /// Starts sweeping `spare`, or returns nil when there is none.
    init?(spare: URL) {
        let path = spare.path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let thread = Thread { [finished] in
            _ = SpareSweeper.remove(in: path, everything: false)
            finished.signal()
        }
        thread.start()
    }

    /// Blocks until the sweep is over (before the swap replaces the spare folder).
    func wait() { finished.wait() }

    /// Removes a whole folder tree with plain system calls (FileManager does more work per file).
    static func removeTree(_ path: String) {
        if remove(in: path, everything: true) == false {
            try? FileManager.default.removeItem(atPath: path) // whatever the walk could not remove
        }
    }

    /// Walks `folder`, unlinking every file (`everything`) or only those with other links, and
    /// removing folders left empty. Returns whether `folder` itself was removed. Names are looked up
    /// relative to the open folder, not as whole paths: thousands of files, one short lookup each.
    @discardableResult
    static func remove(in folder: String, everything: Bool) -> Bool {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0, let dir = fdopendir(fd) else { return false }
        var subfolders: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            if entry.pointee.d_type == UInt8(DT_DIR) { subfolders.append(name); continue }
            if everything {
                if unlinkat(fd, name, 0) != 0 && errno == EISDIR { subfolders.append(name) }
                continue
            }
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR { subfolders.append(name); continue }
            if info.st_nlink > 1 || (info.st_mode & S_IFMT) != S_IFREG { unlinkat(fd, name, 0) }
        }
        closedir(dir) // closes fd too
        for sub in subfolders { remove(in: folder + "/" + sub, everything: everything) }
        return rmdir(folder) == 0
    }
}
