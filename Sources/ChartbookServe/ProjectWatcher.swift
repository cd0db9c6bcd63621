import Foundation

/// Notices edits under the project's `Data/` and `Templates/` by comparing a fingerprint of every
/// file's path, size and modification time: plain polling, which works on every file system
/// (including bind mounts and network drives where change notifications do not).
public struct ProjectWatcher: Sendable {
    public let folders: [URL]

    public init(folders: [URL]) { self.folders = folders }

    /// A value that changes whenever a file is added, removed, resized or touched.
    public func fingerprint() -> Int {
        var hasher = Hasher()
        let fm = FileManager.default
        for folder in folders {
            guard let e = fm.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else { continue }
            var entries: [(String, Double, Int)] = []
            for case let url as URL in e {
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                entries.append((url.path, values?.contentModificationDate?.timeIntervalSince1970 ?? 0, values?.fileSize ?? 0))
            }
            for (path, time, size) in entries.sorted(by: { $0.0 < $1.0 }) {
                hasher.combine(path)
                hasher.combine(time)
                hasher.combine(size)
            }
        }
        return hasher.finalize()
    }
}
