import ChartbookCore
import ChartbookSite
import Foundation

/// A throw-away copy of the bundled sample project (Data/ and Templates/), so tests can break it.
struct SampleProject {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("chartbook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Data", "Templates"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
    }

    var project: Project { Project(root: root) }
    var output: URL { root.appendingPathComponent("Output") }
    let issuePath = "Output/issues/2025-05-24-jgb-auction/index.html"
    /// The sample's pages that carry a page record: four issues and the two chart galleries.
    static let pages = 6

    func read(_ path: String) throws -> String { try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    /// Replaces the first occurrence of `old` in `path`; fails loudly if it is not there.
    func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try read(path)
        guard let range = text.range(of: old) else { throw SourceError(SourceLocation(file: path), "test fixture lacks '\(old)'") }
        try write(path, text.replacingCharacters(in: range, with: new))
    }

    /// The 1-based line of the first line in the bundled sample's `path` containing `text`.
    static func line(of text: String, in path: String) throws -> Int {
        let lines = try String(contentsOf: repository.appendingPathComponent(path), encoding: .utf8).components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(text) }) else { throw SourceError(SourceLocation(file: path), "no line with '\(text)'") }
        return index + 1
    }

    /// Every file under Output/ with its bytes, to prove a failed build changed nothing.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = output.standardizedFileURL.path
        guard let e = FileManager.default.enumerator(atPath: base) else { return files }
        for case let path as String in e {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                files[path] = FileManager.default.contents(atPath: base + "/" + path)
            }
        }
        return files
    }

    /// Names in the project folder left by a build (there should be none besides the inputs and Output).
    func strayEntries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !["Data", "Templates", "Output", ".chartbook-cache", ".chartbook-spare-Output"].contains($0) }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// What a clean build of this project's current inputs writes: a fresh copy of its Data/ and
    /// Templates/, built from scratch (for comparing incremental and interrupted builds against).
    func cleanBuildSnapshot() throws -> [String: Data] {
        let clean = try SampleProject()
        defer { clean.remove() }
        for folder in ["Data", "Templates"] {
            try FileManager.default.removeItem(at: clean.root.appendingPathComponent(folder))
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: clean.root.appendingPathComponent(folder))
        }
        try SiteBuilder(project: clean.project, rasterize: false).build()
        return try clean.snapshot()
    }
}
