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

    /// A fresh, empty staging folder beside `output` (leftovers of killed builds are removed first).
    public static func prepareStaging(for output: URL) throws(SourceError) -> URL {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        removeStaleStaging(in: parent, for: output)
        let staging = parent.appendingPathComponent(stagingPrefix + output.lastPathComponent + "-\(getpid())")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SourceError(SourceLocation(file: output.path), "cannot create a staging folder beside the output: \(error.localizedDescription)")
        }
        return staging
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
                    SpareSweeper.removeTree(spare.path)
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
        let sink = OutputSink(staging: staging)
        do {
            for file in files { try sink.write(file) }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        try swap(staging, into: output)
    }

    /// Removes staging folders left by builds that were killed (their process no longer exists).
    static func removeStaleStaging(in parent: URL, for output: URL) {
        let prefix = stagingPrefix + output.lastPathComponent + "-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).replacingOccurrences(of: "old-", with: "")
            if let pid = Int32(pidText), pid != getpid(), kill(pid, 0) == 0 { continue } // another build is running
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
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
