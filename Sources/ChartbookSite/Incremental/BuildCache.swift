import ChartbookCore
import Foundation

/// Results of expensive steps (chart PNGs) kept between builds in `.chartbook-cache/`, keyed by a
/// hash of exactly what they were made from, so a cached result can never be stale: different
/// input, different key. Delete the folder (or build with `--clean`) to start over.
public struct BuildCache: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// A 128-bit content key of `parts` (see `ContentDigest`), as hex.
    public static func key(_ parts: [String]) -> String {
        var digest = ContentDigest()
        digest.add(parts)
        return digest.hex
    }

    func url(_ key: String, _ ext: String) -> URL { folder.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key + "." + ext) }

    public func get(_ key: String, ext: String) -> Data? { FileManager.default.contents(atPath: url(key, ext).path) }

    /// Stores atomically (write to a temporary name, then rename), so a killed build never leaves a half file.
    public func set(_ key: String, ext: String, _ data: Data) {
        let target = url(key, ext)
        // Its folder is made only when the first write finds none (a stat per entry was measurable).
        do { try PlainFile.replace(target.path, with: data) } catch {
            try? FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? PlainFile.replace(target.path, with: data)
        }
    }

    public func clear() { try? FileManager.default.removeItem(at: folder) }
}
