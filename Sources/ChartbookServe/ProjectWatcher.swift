import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Notices edits under the project's `Data/` and `Templates/`. On Linux it listens to the kernel
/// (inotify, one watch per folder, new folders watched as they appear), so a save is seen within
/// milliseconds; elsewhere, or where inotify is refused (some network and bind mounts, exhausted
/// watch limits), it compares a fingerprint of every file's path, size and modification time every
/// `pollInterval`.
public final class ProjectWatcher: @unchecked Sendable {
    public let folders: [URL]
    /// How often the fallback looks.
    public var pollInterval: TimeInterval = 0.4
    /// After the first event, further events this close together are taken as the same save
    /// (editors write a file in several steps: truncate, write, rename, touch).
    public var settle: TimeInterval = 0.02

    private var fd: Int32 = -1
    private var watches: [Int32: String] = [:]
    private var lastFingerprint: Int

    public init(folders: [URL]) {
        self.folders = folders
        lastFingerprint = 0
        #if os(Linux)
        fd = inotify_init1(Int32(IN_CLOEXEC))
        if fd >= 0 {
            for folder in folders { watchTree(folder.path) }
            if watches.isEmpty { close(fd); fd = -1 }
        }
        #endif
        if fd < 0 { lastFingerprint = fingerprint() }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Whether the kernel tells this watcher of changes (false: it polls).
    public var usesEvents: Bool { fd >= 0 }

    /// Waits until something under the folders changes (true), or `timeout` passes (false).
    public func waitForChange(timeout: TimeInterval) -> Bool {
        if fd >= 0 { return waitForEvents(timeout: timeout) }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            Thread.sleep(forTimeInterval: min(pollInterval, max(0, deadline.timeIntervalSinceNow)))
            let now = fingerprint()
            if now != lastFingerprint { lastFingerprint = now; return true }
        }
        return false
    }

    #if os(Linux)
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
    #endif

    private func watchTree(_ path: String) {
        #if os(Linux)
        let wd = inotify_add_watch(fd, path, ProjectWatcher.mask)
        guard wd >= 0 else { return }
        watches[wd] = path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in names where !name.hasPrefix(".") {
            var info = stat()
            let child = path + "/" + name
            if lstat(child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { watchTree(child) }
        }
        #endif
    }

    private func waitForEvents(timeout: TimeInterval) -> Bool {
        #if os(Linux)
        guard poll(timeout: timeout) else { return false }
        // Drain this save's events: those already queued, and those arriving within `settle`.
        repeat { readEvents() } while poll(timeout: settle)
        return true
        #else
        return false
        #endif
    }

    private func poll(timeout: TimeInterval) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return Glibc.poll(&p, 1, Int32(max(0, timeout * 1000))) > 0
    }

    /// Reads the queued events; folders created meanwhile are watched too.
    private func readEvents() {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return }
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= n {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, length > 0, let parent = watches[wd] {
                let nameBytes = buffer[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
                watchTree(parent + "/" + String(decoding: nameBytes, as: UTF8.self))
            }
            offset += header + length
        }
        #endif
    }

    /// A value that changes whenever a file is added, removed, resized or touched (the fallback).
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
