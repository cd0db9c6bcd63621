import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folders of a Chartbook project, and how to name a path inside it in messages.
public struct Project: Sendable {
    public var root: URL
    public var output: URL

    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("Output")).standardizedFileURL
    }

    public var data: URL { root.appendingPathComponent("Data") }
    public var templates: URL { root.appendingPathComponent("Templates") }

    /// Refuses a file that, once symbolic links are followed, lies outside the project folder: no
    /// input may read beyond the project. A plain file (not a link) is inside when its folder is,
    /// and folders are resolved once per build: resolving every path in full cost more than
    /// parsing the file at 1,000 issues.
    public func checkInside(_ url: URL, display: String) throws(SourceError) {
        let path = url.path
        var info = stat()
        try checkInside(path: path, display: display, isLink: lstat(path, &info) != 0 || (info.st_mode & S_IFMT) == S_IFLNK)
    }

    /// The same for a path whose `lstat` the caller has at hand (`isLink`: a link, or no file at all).
    func checkInside(path: String, display: String, isLink: Bool) throws(SourceError) {
        let folder = OutputSink.folder(of: path), name = OutputSink.name(of: path)
        let real: String
        if !isLink, !folder.isEmpty, let resolvedFolder = RealPaths.shared.resolve(folder) {
            real = resolvedFolder + "/" + name
        } else {
            real = RealPaths.resolve(path) ?? URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        }
        let base = RealPaths.shared.resolve(root.path) ?? root.resolvingSymlinksInPath().standardizedFileURL.path
        guard real == base || real.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            throw SourceError(SourceLocation(file: display), "refusing to read a file outside the project (it resolves to \(real))")
        }
    }

    /// `Templates/issues/x.md` rather than an absolute path.
    public func display(_ url: URL) -> String { display(path: url.path) }

    /// The same for a path.
    func display(path plain: String) -> String {
        // Standardising (`.`, `..`) only when the path may need it: it is slow, and called per file.
        let mayHaveDots = plain.utf8.withContiguousStorageIfAvailable { b in
            b.count > 1 && (1..<b.count).contains { b[$0 - 1] == 47 && b[$0] == 46 } // "/."
        } ?? true
        let path = mayHaveDots ? URL(fileURLWithPath: plain).standardizedFileURL.path : plain
        let rootPath = root.path
        let base = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        return path.hasPrefix(base) ? String(path.utf8.dropFirst(base.utf8.count))! : path
    }
}
