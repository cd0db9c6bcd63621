import Foundation

/// Maps request paths to files in the output folder, refusing anything that would leave it
/// (`..`, encoded or not, and symbolic links pointing outside).
public struct PreviewFiles: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL.resolvingSymlinksInPath() }

    /// The file for `path` (`/issues/x/` → `issues/x/index.html`), or nil when there is none or it is outside the root.
    public func resolve(_ path: String) -> URL? {
        let decoded = path.removingPercentEncoding ?? path
        let clean = decoded.split(separator: "?", maxSplits: 1).first.map(String.init) ?? decoded
        let parts = clean.split(separator: "/").map(String.init)
        guard !parts.contains(".."), !parts.contains(where: { $0.hasPrefix(".") && $0 != "." }) else { return nil }
        var url = root
        for part in parts where part != "." { url.appendPathComponent(part) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url.appendPathComponent("index.html")
        }
        let real = url.resolvingSymlinksInPath()
        guard real.path == root.path || real.path.hasPrefix(root.path + "/"), FileManager.default.isReadableFile(atPath: real.path) else { return nil }
        return real
    }

    /// The Content-Type for a file name.
    public static func contentType(_ url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "json": return "application/feed+json; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
