import ChartbookCore
import ChartbookData
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Carrying unchanged files over from the live output into staging (incremental builds), folder by folder.
extension OutputSink {
    /// Puts unchanged files of one folder of the previous output into the new one as hard links
    /// (no copy). The staging folder is the output before last (see `OutputSink`), so a file that
    /// was unchanged then too is already there as the very same file: both folders are listed once
    /// and their inode numbers compared, and only the rest are linked, relative to the two open
    /// folders. An output file is written in place only when no other name links to it, so sharing
    /// files between outputs is safe. With `settle` (a folder only these files belong in), anything
    /// else there is removed. Appends each path carried to `done`; false on any failure.
    func carryOver(_ paths: [String], folder: String, from output: URL, settle: Bool, knownSync: String? = nil,
                   sync: inout String?, done: inout [String]) -> Bool {
        guard case .disk(let root) = mode else { return false }
        let sourceFolder = Self.join(output, folder), targetFolder = Self.join(root, folder)
        if settle, let knownSync, let pair = FolderPair(live: sourceFolder, staged: targetFolder), pair.token == knownSync {
            // The last build left this folder holding the very files of the live one, and neither
            // folder has changed since: nothing to list, link or remove.
            record(contentsOf: paths)
            done += paths
            markSettled(targetFolder)
            sync = pair.swapped.token
            return true
        }
        guard (try? ensureFolder(targetFolder)) != nil else { return false }
        let source = open(sourceFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let target = open(targetFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if source >= 0 { close(source) }; if target >= 0 { close(target) } }
        guard source >= 0, target >= 0 else { return false }
        var sourceInfo = stat(), targetInfo = stat()
        guard fstat(source, &sourceInfo) == 0, fstat(target, &targetInfo) == 0 else { return false }
        // Inode numbers identify files only on one device.
        let sameDevice = sourceInfo.st_dev == targetInfo.st_dev
        let live = sameDevice ? Self.inodes(in: source).files : [:]
        let (staged, stagedOthers) = sameDevice ? Self.inodes(in: target) : ([:], true)
        for path in paths {
            let name = Self.name(of: path)
            if let inode = live[name], staged[name] == inode {
                // Already that very file.
            } else {
                if staged[name] != nil || !sameDevice { unlinkat(target, name, 0) }
                if linkat(source, name, target, name, 0) != 0 {
                    // No hard links here (another file system, or one without them): copy instead.
                    unlinkat(target, name, 0)
                    guard (try? FileManager.default.copyItem(atPath: Self.join(output, path), toPath: Self.join(root, path))) != nil else { return false }
                }
            }
            record(path)
            done.append(path)
        }
        // Whatever else the staging folder held is left from the output before last: remove it
        // now, while the listing is at hand, and spare `removeStale` a second walk of this folder.
        if settle && !stagedOthers {
            let carried = Set(paths.map(Self.name(of:)))
            for name in staged.keys where !carried.contains(name) { unlinkat(target, name, 0) }
            markSettled(targetFolder)
            // The two folders now hold the same files; after the swap the staging folder is live.
            var liveAfter = stat(), spareAfter = stat()
            if sameDevice, fstat(target, &liveAfter) == 0, fstat(source, &spareAfter) == 0 {
                sync = FolderPair(live: liveAfter, staged: spareAfter).token
            }
        }
        return true
    }

    /// An issue's folder in the live output and in the staging folder, as the file system
    /// describes them. A folder's modification and change times move whenever a name in it is
    /// added, removed or renamed, so if both folders read as they did when a build left them
    /// holding the same files (the same inodes), they still do. The output's own folders are
    /// written only by builds; a killed or failed build changes the times of what it touched.
    struct FolderPair {
        var live: stat, staged: stat

        init(live: stat, staged: stat) { self.live = live; self.staged = staged }

        init?(live: String, staged: String) {
            var l = stat(), s = stat()
            guard lstat(live, &l) == 0, lstat(staged, &s) == 0 else { return nil }
            self.init(live: l, staged: s)
        }

        /// With the roles the next build gives the two folders.
        var swapped: FolderPair { FolderPair(live: staged, staged: live) }

        var token: String { Self.describe(live) + "|" + Self.describe(staged) }

        static func describe(_ s: stat) -> String {
            "\(s.st_dev):\(s.st_ino):\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec):\(s.st_ctim.tv_sec).\(s.st_ctim.tv_nsec):\(s.st_mode)"
        }

    }

    /// The inode number of each regular file in an open folder, from one directory listing, and
    /// whether it holds anything else (folders, links).
    static func inodes(in folder: Int32) -> (files: [String: UInt64], others: Bool) {
        guard let entries = DirectoryListing.entries(of: folder) else { return ([:], true) }
        var files: [String: UInt64] = [:]
        for entry in entries where entry.isFile { files[entry.name] = entry.inode }
        return (files, files.count < entries.count)
    }

    /// Removes a file carried over or written to the staging folder, as if it had never been.
    func forget(_ path: String) {
        guard case .disk(let root) = mode else { return }
        unlink(Self.join(root, path))
        unrecord(path)
    }
}
