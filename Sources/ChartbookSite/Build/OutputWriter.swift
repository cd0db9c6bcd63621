import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file the build produced, by its path under the output folder.
public struct OutputFile: Sendable {
    public var path: String
    public var data: Data

    public init(path: String, contents: String) {
        self.path = path
        self.data = Data(contents.utf8)
    }

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    /// The file as text (for tests and checks).
    public var text: String { String(decoding: data, as: UTF8.self) }
}

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
        let staging = parent.appendingPathComponent(stagingPrefix + output.lastPathComponent + "-\(getpid())")
        removeTree(staging.path)
        if rename(spare(for: output).path, staging.path) == 0 { return Staging(url: staging, fromSpare: true) }
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SourceError(SourceLocation(file: output.path), "cannot create a staging folder beside the output: \(error.localizedDescription)")
        }
        return Staging(url: staging, fromSpare: false)
    }

    /// After a failed build, things are left as they were: a staging folder made from the spare
    /// becomes the spare again (its files are as good for the next build to reuse, and nothing of
    /// it is ever published); one made empty is removed.
    public static func abandon(_ staging: Staging, for output: URL) {
        let spare = spare(for: output)
        if !staging.fromSpare || FileManager.default.fileExists(atPath: spare.path) || rename(staging.url.path, spare.path) != 0 {
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
    public static func swap(_ staging: URL, into output: URL) throws(SourceError) {
        let fm = FileManager.default
        let retired = output.deletingLastPathComponent().appendingPathComponent(stagingPrefix + output.lastPathComponent + "-old-\(getpid())")
        do {
            if fm.fileExists(atPath: output.path) {
                if exchange(staging, output) {
                    // `staging` now holds the previous output.
                    let spare = spare(for: output)
                    removeTree(spare.path)
                    if rename(staging.path, spare.path) != 0 { try fm.removeItem(at: staging) }
                } else {
                    try fm.moveItem(at: output, to: retired)
                    try fm.moveItem(at: staging, to: output)
                    try fm.removeItem(at: retired)
                }
            } else {
                try fm.moveItem(at: staging, to: output)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw SourceError(SourceLocation(file: output.path), "cannot put the new site in place: \(error.localizedDescription)")
        }
    }

    /// Writes `files` to a staging folder and swaps it in (for callers that have all files at hand).
    public static func publish(_ files: [OutputFile], to output: URL) throws(SourceError) {
        let staging = try prepareStaging(for: output)
        let sink = OutputSink(staging: staging.url, live: output)
        do {
            for file in files { try sink.write(file) }
        } catch {
            abandon(staging, for: output)
            throw error
        }
        sink.removeStale()
        try swap(staging.url, into: output)
    }

    /// Removes staging folders left by builds that were killed (their process no longer exists).
    static func removeStaleStaging(in parent: URL, for output: URL) {
        let prefix = stagingPrefix + output.lastPathComponent + "-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).replacingOccurrences(of: "old-", with: "")
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue } // another build is running
            let leftover = parent.appendingPathComponent(name)
            // A killed build's staging folder holds files as reusable as the spare's.
            if name.contains("-old-") || rename(leftover.path, spare(for: output).path) != 0 { removeTree(leftover.path) }
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
