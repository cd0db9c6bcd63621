import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The entries of an open folder in one pass of readdir(3), with each entry's type and inode number
/// (which the directory itself records, so no `stat` per file), "." and ".." left out.
enum DirectoryListing {
    struct Entry {
        var name: String
        var type: UInt8
        var inode: UInt64
        var isFolder: Bool { type == UInt8(DT_DIR) }
        var isFile: Bool { type == UInt8(DT_REG) }
    }

    /// The entries of the folder open as `folder` (the descriptor stays the caller's); nil when it cannot be listed.
    static func entries(of folder: Int32) -> [Entry]? {
        let copy = dup(folder) // fdopendir takes the descriptor over
        guard copy >= 0 else { return nil }
        guard let dir = fdopendir(copy) else { close(copy); return nil }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            entries.append(Entry(name: name, type: entry.pointee.d_type, inode: UInt64(entry.pointee.d_ino)))
        }
        return entries
    }
}
