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
    /// removing folders left empty. Returns whether `folder` itself was removed.
    @discardableResult
    static func remove(in folder: String, everything: Bool) -> Bool {
        guard let dir = opendir(folder) else { return false }
        var subfolders: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            let path = folder + "/" + name
            let type = entry.pointee.d_type
            if type == UInt8(DT_DIR) { subfolders.append(path); continue }
            if everything { if unlink(path) != 0 && errno == EISDIR { subfolders.append(path) }; continue }
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR { subfolders.append(path); continue }
            if info.st_nlink > 1 || (info.st_mode & S_IFMT) != S_IFREG { unlink(path) }
        }
        closedir(dir)
        for sub in subfolders { remove(in: sub, everything: everything) }
        return rmdir(folder) == 0
    }
}
