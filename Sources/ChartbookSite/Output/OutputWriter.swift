import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Publishes a finished site all at once: every file is written into a temporary folder beside the
/// output, which then takes the output's place. A failed or killed build leaves the previous output as it was.
public enum OutputWriter {
    /// Prefix of the temporary folders, so a leftover from a killed build can be recognised and removed.
    static let stagingPrefix = ".chartbook-staging-"

    /// A folder a build writes into before it replaces the output.
    public struct Staging: Sendable {
        public let url: URL
        /// Made from the spare folder (rather than empty), so a failed build hands it back.
        let fromSpare: Bool
    }

    /// The staging folder beside `output`: the spare folder (the output before last) when there
    /// is one, which the build updates in place, or else a new, empty folder. Leftovers of killed
    /// builds are adopted as the spare or removed first.
    public static func prepareStaging(for output: URL) throws(SourceError) -> Staging {
        let parent = output.deletingLastPathComponent()
        removeStaleStaging(in: parent, for: output)
        try OutputGuard.checkReplaceable(output, display: output.path)
        let staging = parent.appendingPathComponent(stagingPrefix + output.lastPathComponent + "-\(getpid())")
        removeTree(staging.path)
        let spare = spare(for: output).path
        if OutputGuard.isOurs(spare), rename(spare, staging.path) == 0 { return Staging(url: staging, fromSpare: true) }
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            // Marked from the start, so a killed build's leftover is known to be Chartbook's.
            try PlainFile.write(Data(OutputGuard.markerText.utf8), to: staging.path + "/" + OutputGuard.markerName)
        } catch {
            throw SourceError(SourceLocation(file: output.path), "cannot create a staging folder beside the output: \(error)")
        }
        return Staging(url: staging, fromSpare: false)
    }

    /// After a failed build, things are left as they were: a staging folder made from the spare
    /// becomes the spare again (its files are as good for the next build to reuse, and nothing of
    /// it is ever published); one made empty is removed.
    public static func abandon(_ staging: Staging, for output: URL) {
        let spare = spare(for: output)
        var info = stat()
        if !staging.fromSpare || lstat(spare.path, &info) == 0 || rename(staging.url.path, spare.path) != 0 {
            removeTree(staging.url.path)
        }
    }

    /// Where the previous output is kept after a build, so the next build can reuse its files
    /// (see `OutputSink`) instead of deleting thousands of files and creating as many.
    public static func spare(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".chartbook-spare-" + output.lastPathComponent)
    }

    /// Puts the finished staging folder in the output's place in one step. The previous output
    /// becomes the spare folder for the next build (what was left of the last spare is removed).
    ///
    /// Where renameat2(RENAME_EXCHANGE) is missing (macOS, some file systems) it takes two renames:
    /// the output moves aside to `…-old-PID`, then staging takes its name. A build killed between
    /// the two leaves no output folder; the next build puts `…-old-PID` back (`removeStaleStaging`).
    public static func swap(_ staging: URL, into output: URL) throws(SourceError) {
        let retired = output.deletingLastPathComponent().appendingPathComponent(stagingPrefix + output.lastPathComponent + "-old-\(getpid())")
        var info = stat()
        if lstat(output.path, &info) == 0 {
            if exchange(staging, output) {
                retire(staging, for: output) // `staging` now holds the previous output
                return
            }
            guard rename(output.path, retired.path) == 0 else {
                throw SourceError(SourceLocation(file: output.path), "cannot move the old site aside: \(String(cString: strerror(errno)))")
            }
            guard rename(staging.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                rename(retired.path, output.path) // put the old site back
                throw SourceError(SourceLocation(file: output.path), "cannot put the new site in place: \(reason)")
            }
            retire(retired, for: output)
        } else if rename(staging.path, output.path) != 0 {
            throw SourceError(SourceLocation(file: output.path), "cannot put the new site in place: \(String(cString: strerror(errno)))")
        }
    }

    /// Keeps a previous output as the spare (replacing the last spare, when that is Chartbook's), or removes it.
    private static func retire(_ previous: URL, for output: URL) {
        let spare = spare(for: output).path
        var info = stat()
        let spareExists = lstat(spare, &info) == 0
        if spareExists && OutputGuard.isOurs(spare) { removeTree(spare) }
        if (spareExists && !OutputGuard.isOurs(spare)) || rename(previous.path, spare) != 0 { removeTree(previous.path) }
    }

    /// Writes `files` to a staging folder and swaps it in (for callers that have all files at hand).
    public static func publish(_ files: [OutputFile], to output: URL) throws(SourceError) {
        let staging = try prepareStaging(for: output)
        let sink = OutputSink(staging: staging.url, live: output)
        do {
            for file in files { try sink.write(file) }
            try OutputGuard.mark(sink)
        } catch {
            abandon(staging, for: output)
            throw error
        }
        sink.removeStale()
        try swap(staging.url, into: output)
    }

    /// Deals with what builds that were killed left beside the output (their process no longer
    /// exists): an output moved aside by a two-rename swap (`…-old-PID`) goes back in place when no
    /// output folder took its name, or becomes the spare; a staging folder becomes the spare (its
    /// files are as reusable as the spare's) or is removed. A folder without the marker is left alone.
    static func removeStaleStaging(in parent: URL, for output: URL) {
        let prefix = stagingPrefix + output.lastPathComponent + "-"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(prefix) }
        // Retired outputs first: the site that was live comes back before anything else is decided.
        for name in names.sorted(by: { ($0.contains("-old-") ? 0 : 1, $0) < ($1.contains("-old-") ? 0 : 1, $1) }) {
            let pidText = name.dropFirst(prefix.count).replacingOccurrences(of: "old-", with: "")
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue } // another build is running
            let leftover = parent.appendingPathComponent(name).path
            var info = stat()
            if name.contains("-old-") && lstat(output.path, &info) != 0 && rename(leftover, output.path) == 0 { continue }
            guard OutputGuard.isOurs(leftover) else {
                if !name.contains("-old-") { rmdir(leftover) } // an empty staging folder killed before its marker
                continue
            }
            let spare = spare(for: output).path
            if lstat(spare, &info) == 0 || rename(leftover, spare) != 0 { removeTree(leftover) }
        }
    }

    /// Removes a whole folder tree with plain system calls, names relative to each open folder
    /// (FileManager does more work per file); whatever the walk leaves, FileManager removes.
    static func removeTree(_ path: String) {
        if !removeContents(of: path) || rmdir(path) != 0 {
            var info = stat()
            if lstat(path, &info) == 0 { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    private static func removeContents(of folder: String) -> Bool {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard let entries = DirectoryListing.entries(of: fd) else { return false }
        var subfolders: [String] = []
        for entry in entries where entry.isFolder || (unlinkat(fd, entry.name, 0) != 0 && errno == EISDIR) {
            subfolders.append(entry.name)
        }
        var ok = true
        for name in subfolders {
            let path = folder + "/" + name
            if !removeContents(of: path) || rmdir(path) != 0 { ok = false }
        }
        return ok
    }

    /// Swaps two folders in one step with Linux's renameat2(RENAME_EXCHANGE), so there is no moment
    /// without an output folder. Returns false where that call is unavailable.
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let AT_FDCWD: Int32 = -100, RENAME_EXCHANGE: UInt32 = 2
        return a.path.withCString { pa in b.path.withCString { pb in renameat2(AT_FDCWD, pa, AT_FDCWD, pb, RENAME_EXCHANGE) == 0 } }
        #else
        return false
        #endif
    }
}
