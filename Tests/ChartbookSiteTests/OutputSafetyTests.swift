import ChartbookCore
@testable import ChartbookSite
import Foundation
import Testing

/// A build replaces only a folder that is its own, and its records never outlive the output they
/// describe (issue 16: "Loses data").
@Suite struct OutputSafetyTests {
    /// Every file under `folder` with its bytes.
    static func tree(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: folder.path) else { return files }
        for case let path as String in e {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                files[path] = FileManager.default.contents(atPath: folder.path + "/" + path)
            }
        }
        return files
    }

    @Test func theProjectItsInputsAndTheirAncestorsAreNeverAnOutput() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let before = Self.tree(sample.root)
        for output in [".", "Templates", "Data", "Templates/issues", "..", "/", "Data/../Templates"] {
            let url = output.hasPrefix("/") ? URL(fileURLWithPath: output) : sample.root.appendingPathComponent(output)
            #expect(throws: SourceError.self, "--output \(output)") {
                try SiteBuilder(project: Project(root: sample.root, output: url), rasterize: false).build()
            }
        }
        #expect(Self.tree(sample.root) == before, "the project changed")
        #expect(try sample.strayEntries().isEmpty)
    }

    @Test func aFolderOfSomeoneElsesFilesIsRefusedAndKept() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let theirs = sample.root.appendingPathComponent("../theirs-\(UUID().uuidString)").standardizedFileURL
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: theirs) }
        try Data("keep me".utf8).write(to: theirs.appendingPathComponent("notes.txt"))
        for _ in 0..<2 {
            do {
                try SiteBuilder(project: Project(root: sample.root, output: theirs), rasterize: false).build()
                Issue.record("a folder of someone else's files was replaced")
            } catch {
                #expect(error.message.contains("did not write"), "\(error)")
            }
        }
        #expect(Self.tree(theirs) == ["notes.txt": Data("keep me".utf8)])
        let siblings = try FileManager.default.contentsOfDirectory(atPath: theirs.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".chartbook-") && $0.contains(theirs.lastPathComponent) }, "left beside it: \(siblings)")
        // An empty or new folder is fine, and once built it carries the marker and builds again.
        let fresh = theirs.appendingPathComponent("site")
        try SiteBuilder(project: Project(root: sample.root, output: fresh), rasterize: false).build()
        #expect(FileManager.default.fileExists(atPath: fresh.appendingPathComponent(OutputGuard.markerName).path))
        try SiteBuilder(project: Project(root: sample.root, output: fresh), rasterize: false).build()
    }

    /// Records that describe another output than the one in place are not trusted: a build whose
    /// records were not saved (killed after the swap, a full or read-only cache) is followed by a
    /// build that renders everything, so reverting an edit publishes the reverted text.
    @Test func recordsOfAnotherOutputAreNotTrusted() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let records = sample.root.appendingPathComponent(".chartbook-cache/pages.tsv")
        let path = "Templates/issues/2025-07-11-super-long-summer.md"
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let oldRecords = try Data(contentsOf: records)
        try sample.edit(path, replacing: "title: 盛夏的超长端", with: "title: 仲夏的超长端")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(try sample.read("Output/index.html").contains("仲夏的超长端"))
        // As if this build's records had never been saved: the first build's records are back.
        try oldRecords.write(to: records)
        try sample.edit(path, replacing: "title: 仲夏的超长端", with: "title: 盛夏的超长端")
        let summary = try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(summary.reused == 0, "records of an earlier output were trusted")
        for page in ["Output/index.html", "Output/atom.xml", "Output/rss.xml", "Output/feed.json", "Output/issues/2025-07-11-super-long-summer/index.html"] {
            #expect(!(try sample.read(page)).contains("仲夏的超长端"), "\(page) kept the reverted title")
        }
        // The spare comes back as the output every other build, with the same inode: still not trusted.
        try oldRecords.write(to: records)
        #expect(try SiteBuilder(project: sample.project, rasterize: false).build().reused == 0)
        #expect(try SiteBuilder(project: sample.project, rasterize: false).build().reused == SampleProject.pages)
        let cacheFiles = try FileManager.default.contentsOfDirectory(atPath: records.deletingLastPathComponent().path)
        #expect(!cacheFiles.contains { $0.contains(".tmp") }, "temporaries left: \(cacheFiles)")
    }

    /// Without RENAME_EXCHANGE a swap is two renames; a build killed between them leaves the old
    /// site under a staging name and no output. The next build puts it back, even when it fails.
    @Test func anOutputMovedAsideByAKilledSwapIsRestored() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let before = try sample.snapshot()
        let aside = sample.root.appendingPathComponent(OutputWriter.stagingPrefix + "Output-old-2147483646")
        try FileManager.default.moveItem(at: sample.output, to: aside)
        try sample.edit("Templates/layouts/base.html", replacing: "</html>", with: "{{#unclosed}}</html>")
        #expect(throws: SourceError.self) { try SiteBuilder(project: sample.project, rasterize: false).build() }
        #expect(try sample.snapshot() == before, "the old site was not restored")
        #expect(!FileManager.default.fileExists(atPath: aside.path))
    }

    /// Two builds of one project at once: the second waits for the first, and both succeed.
    @Test func concurrentBuildsTakeTurns() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let failures = ConcurrentResults<Int>(count: 3)
        DispatchQueue.concurrentPerform(iterations: 3) { i in
            do throws(SourceError) { _ = try SiteBuilder(project: sample.project, rasterize: false).build(); failures.set(i, .success(0)) }
            catch { failures.set(i, .failure(error)) }
        }
        for i in 0..<3 { #expect(throws: Never.self) { try failures.get(i)?.get() } }
        #expect(try sample.snapshot() == sample.cleanBuildSnapshot())
        #expect(try sample.strayEntries().isEmpty)
    }
}
