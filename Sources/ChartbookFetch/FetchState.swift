import Foundation

/// What the last fetch of each file learned from its server (ETag, Last-Modified), so the next one
/// can ask "only if changed". Kept in `Data/fetch-state.tsv`, one line per file, sorted, so a
/// scheduled job's commit shows plainly which downloads changed.
public struct FetchState: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var etag: String?
        public var lastModified: String?
    }

    public static let fileName = "fetch-state.tsv"
    public var entries: [String: Entry] = [:]

    public init(entries: [String: Entry] = [:]) { self.entries = entries }

    /// Reads the state file's text; lines it does not understand are ignored (a fetch then downloads in full).
    public init(text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 3 else { continue }
            entries[f[0]] = Entry(etag: f[1].isEmpty ? nil : f[1], lastModified: f[2].isEmpty ? nil : f[2])
        }
    }

    /// The file's text: a header line, then path, ETag and Last-Modified by path.
    public var text: String {
        var out = "# chartbook fetch: path\tETag\tLast-Modified (written by chartbook fetch; delete a line to download that file in full)\n"
        for path in entries.keys.sorted() {
            guard let e = entries[path] else { continue }
            let clean = { (s: String?) in (s ?? "").replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
            out += "\(path)\t\(clean(e.etag))\t\(clean(e.lastModified))\n"
        }
        return out
    }
}
