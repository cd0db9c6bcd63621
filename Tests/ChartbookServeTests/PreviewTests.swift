import ChartbookServe
import Foundation
import Testing

@Suite struct PreviewTests {
    @Test func theReloadScriptGoesIntoServedPagesOnly() {
        let html = LiveReload.inject(into: "<html><body><p>x</p></body></html>")
        #expect(html.contains("/_chartbook/status"))
        #expect(html.hasSuffix("</script>\n</body></html>"))
    }

    @Test func pathsCannotLeaveTheOutputFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("issues/a"), withIntermediateDirectories: true)
        try Data("page".utf8).write(to: root.appendingPathComponent("issues/a/index.html"))
        try Data("secret".utf8).write(to: root.deletingLastPathComponent().appendingPathComponent("secret-\(root.lastPathComponent).txt"))
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent().appendingPathComponent("secret-\(root.lastPathComponent).txt")) }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: root.deletingLastPathComponent())
        let files = PreviewFiles(root: root)
        #expect(files.resolve("/issues/a/")?.lastPathComponent == "index.html")
        #expect(files.resolve("/issues/a/index.html") != nil)
        #expect(files.resolve("/../secret-\(root.lastPathComponent).txt") == nil)
        #expect(files.resolve("/%2e%2e/secret-\(root.lastPathComponent).txt") == nil)
        #expect(files.resolve("/link/secret-\(root.lastPathComponent).txt") == nil)
        #expect(files.resolve("/missing.html") == nil)
    }

    @Test func theWatcherSeesEdits() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("a".utf8).write(to: root.appendingPathComponent("x.md"))
        let watcher = ProjectWatcher(folders: [root])
        let first = watcher.fingerprint()
        #expect(watcher.fingerprint() == first)
        try Data("ab".utf8).write(to: root.appendingPathComponent("x.md"))
        #expect(watcher.fingerprint() != first)
    }
}
