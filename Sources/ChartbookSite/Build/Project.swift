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

    /// `Templates/issues/x.md` rather than an absolute path.
    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path, base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
