import ChartbookCore
import Foundation

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
    /// input may read beyond the project.
    public func checkInside(_ url: URL, display: String) throws(SourceError) {
        let real = url.resolvingSymlinksInPath().standardizedFileURL.path
        let base = root.resolvingSymlinksInPath().standardizedFileURL.path
        guard real == base || real.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            throw SourceError(SourceLocation(file: display), "refusing to read a file outside the project (it resolves to \(real))")
        }
    }

    /// `Templates/issues/x.md` rather than an absolute path.
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
