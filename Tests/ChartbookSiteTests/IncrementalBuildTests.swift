import ChartbookCore
@testable import ChartbookSite
import Foundation
import Testing

/// Incremental builds carry unchanged issues over from the previous output and reuse its files;
/// whatever they reuse, the result must be exactly what a clean build of the same inputs writes.
@Suite struct IncrementalBuildTests {
    /// Builds `sample` as it stands, and a copy of it from scratch; the two outputs must match.
    func buildMatchesACleanBuild(_ sample: SampleProject, _ what: String) throws -> Int {
        let summary = try SiteBuilder(project: sample.project, rasterize: false).build()
        let (got, want) = (try sample.snapshot(), try sample.cleanBuildSnapshot())
        #expect(got.keys.sorted() == want.keys.sorted(), "\(what): different files")
        for (path, data) in want where got[path] != data { Issue.record("\(what): \(path) differs from a clean build") }
        return summary.reused
    }

    @Test func incrementalBuildsEqualCleanBuilds() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        #expect(try buildMatchesACleanBuild(sample, "first build") == 0)
        #expect(try buildMatchesACleanBuild(sample, "nothing changed") == SampleProject.pages)
        // A revision after every issue's as-of date but the newest's: only the newest renders again.
        try sample.edit("Data/fred/DGS10.csv", replacing: "2026-01-06,4.18", with: "2026-01-06,4.28")
        #expect(try buildMatchesACleanBuild(sample, "new data") == SampleProject.pages - 1)
        // A data revision inside every issue's window re-renders the issues that use the series.
        try sample.edit("Data/fred/DGS10.csv", replacing: "2025-05-21,4.58", with: "2025-05-21,4.61")
        #expect(try buildMatchesACleanBuild(sample, "revised data") < 4)
        // A partial used by some issues only.
        try sample.edit("Templates/partials/week-rates.md", replacing: "\n", with: "\n\n")
        #expect(try buildMatchesACleanBuild(sample, "edited partial") >= 1)
        // A new title must reach the index, tag pages, feeds and sitemap, though only one issue changed.
        try sample.edit("Templates/issues/2025-07-11-super-long-summer.md", replacing: "title: 盛夏的超长端", with: "title: 仲夏的超长端")
        #expect(try buildMatchesACleanBuild(sample, "edited title") == SampleProject.pages - 1)
        #expect(try sample.snapshot()["index.html"].map { String(decoding: $0, as: UTF8.self).contains("仲夏的超长端") } == true)
        // Twice more with nothing changed: every page is carried over again, still exact.
        #expect(try buildMatchesACleanBuild(sample, "unchanged again") == SampleProject.pages)
        #expect(try buildMatchesACleanBuild(sample, "and again") == SampleProject.pages)
    }

    /// A build that fails after rewriting some issues leaves the previous output as it was, even
    /// where that output shares files with the one before it (which the build reuses).
    @Test func aFailedIncrementalBuildLeavesTheOutputUntouched() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        try SiteBuilder(project: sample.project, rasterize: false).build() // carries every issue over
        let before = try sample.snapshot()
        try sample.edit("Data/fred/DGS10.csv", replacing: "2025-05-21,4.58", with: "2025-05-21,4.61")
        // The last step (assets) fails, after every issue has been written again.
        try FileManager.default.createSymbolicLink(atPath: sample.root.appendingPathComponent("Templates/assets/outside.css").path,
                                                   withDestinationPath: "/etc/hostname")
        #expect(throws: SourceError.self) { try SiteBuilder(project: sample.project, rasterize: false).build() }
        let after = try sample.snapshot()
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, data) in before where after[path] != data { Issue.record("\(path) changed under a failed build") }
        // The failed build's half-updated staging folder is kept as the spare; the next build
        // reuses it and must still write exactly what a clean build writes.
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("Templates/assets/outside.css"))
        _ = try buildMatchesACleanBuild(sample, "after a failed build")
    }

    /// Issue files last changed well before the previous build are not read again (their front
    /// matter and facts come from the page cache); any change to one, even one that keeps its size
    /// and puts its modification time back, is still seen.
    @Test func unchangedIssueFilesAreTakenFromTheCacheAndChangesAreSeen() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let issues = sample.root.appendingPathComponent("Templates/issues")
        let past = Date().addingTimeInterval(-3_600)
        func age(_ name: String) throws {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: issues.appendingPathComponent(name).path)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: issues.path) { try age(name) }
        _ = try buildMatchesACleanBuild(sample, "first build")
        #expect(try buildMatchesACleanBuild(sample, "from the cache") == SampleProject.pages)
        // Rewritten in place (same inode), same size, modification time put back: only the file's
        // change time tells, and that is enough.
        let name = "2025-07-11-super-long-summer.md"
        let path = issues.appendingPathComponent(name).path
        let edited = try sample.read("Templates/issues/" + name).replacingOccurrences(of: "title: 盛夏的超长端", with: "title: 仲夏的超长端")
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.write(contentsOf: Data(edited.utf8))
        try handle.close()
        try age(name)
        #expect(try buildMatchesACleanBuild(sample, "edited, time put back") == SampleProject.pages - 1)
        #expect(try sample.snapshot()["index.html"].map { String(decoding: $0, as: UTF8.self).contains("仲夏的超长端") } == true)
        // New data for an issue taken from the cache: it renders again, reading its file then.
        try sample.edit("Data/fred/DGS10.csv", replacing: "2025-05-21,4.58", with: "2025-05-21,4.61")
        #expect(try buildMatchesACleanBuild(sample, "new data, unread issues") < 5)
        #expect(try buildMatchesACleanBuild(sample, "unchanged again") == SampleProject.pages)
    }

    /// A removed issue disappears from the output, though its old files are there to reuse.
    /// An issue carried over twice in a row has a folder in the spare that holds the live one's very
    /// files, and the next build trusts it without listing it, as long as neither folder has
    /// changed. Any change to the spare's folder (a file gone, a stray file, a file replaced) must
    /// be noticed: the build still writes exactly what a clean build writes.
    @Test func theSpareFolderIsTrustedOnlyWhileUnchanged() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        for _ in 0..<3 { try SiteBuilder(project: sample.project, rasterize: false).build() }
        let cache = PageRecords(file: sample.root.appendingPathComponent(".chartbook-cache/pages.tsv"), output: sample.output)
        #expect(cache.previous.values.filter { $0.sync != nil }.count == SampleProject.pages, "every issue's folder is in step with the spare's")
        let spare = OutputWriter.spare(for: sample.output).appendingPathComponent("issues")
        let folders = try FileManager.default.contentsOfDirectory(atPath: spare.path).sorted()
        try #require(folders.count >= 3)
        let fm = FileManager.default
        // A file gone, a stray file, a file replaced by another with different bytes.
        try fm.removeItem(at: spare.appendingPathComponent(folders[0]).appendingPathComponent("index.html"))
        try Data("stray".utf8).write(to: spare.appendingPathComponent(folders[1]).appendingPathComponent("stray.html"))
        let replaced = spare.appendingPathComponent(folders[2]).appendingPathComponent("index.html")
        try fm.removeItem(at: replaced)
        try Data("<p>not the page</p>".utf8).write(to: replaced)
        #expect(try buildMatchesACleanBuild(sample, "after the spare changed") == SampleProject.pages)
        #expect(try buildMatchesACleanBuild(sample, "and once more") == SampleProject.pages)
    }

    @Test func aRemovedIssueLeavesNoFilesBehind() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        _ = try buildMatchesACleanBuild(sample, "first build")
        try FileManager.default.removeItem(at: sample.root.appendingPathComponent("Templates/issues/2025-07-11-super-long-summer.md"))
        _ = try buildMatchesACleanBuild(sample, "issue removed")
        #expect(!FileManager.default.fileExists(atPath: sample.output.appendingPathComponent("issues/2025-07-11-super-long-summer").path))
    }
}

/// The page cache's file keeps every field exactly, whatever characters it holds, and anything
/// it cannot read means an empty cache rather than a wrong one.
@Suite struct PageRecordFileTests {
    @Test func roundTripsTrickyText() throws {
        let warning = PageRecord.Warning(severity: "warning", file: "Templates/issues/a\tb.md", line: 3, column: nil,
                                                  message: "claim 'x' is false:\n\\ 1.5 < 2\r\n")
        let manifests: [String: PageRecord] = [
            "2025-05-24-jgb": .init(key: "abc", files: ["issues/2025-05-24-jgb/index.html", "issues/2025-05-24-jgb/chart-1.svg"],
                                    lead: .init(svgName: "chart-1.svg", title: "日债\t遇冷 \\n", width: 640, height: 400.5),
                                    charts: 1, warnings: [warning], feedHTML: "<p>line\nbreak\\t</p>",
                                    scan: .init(digest: "0123abc", ids: ["DGS10", "JGB_10Y"])),
            "@index": .init(key: "def", files: ["index.html"], lead: nil, charts: 0, warnings: [], feedHTML: nil),
            "empty": .init(key: "", files: [], lead: nil, charts: 0, warnings: [], feedHTML: ""),
        ]
        let data = PageRecordFile.encode(manifests)
        #expect(PageRecordFile.decode(data) == manifests)
        #expect(PageRecordFile.encode(PageRecordFile.decode(data) ?? [:]) == data) // deterministic
    }

    @Test func unreadableFilesMeanNothingIsReused() {
        #expect(PageRecordFile.decode(Data("{\"a\": 1}".utf8)) == nil)
        let header = PageRecordFile.header
        #expect(PageRecordFile.decode(Data("\(header)\nF\torphan\n".utf8)) == nil)
        #expect(PageRecordFile.decode(Data("\(header)\nR\ta\tkey\tnot-a-number\n".utf8)) == nil)
        #expect(PageRecordFile.decode(Data("\(header)\nR\ta\tkey\t2\nX\twhat\n".utf8)) == nil)
        #expect(PageRecordFile.decode(Data("\(header)\n".utf8)) == [:])
        // A file from an older version of the format is not read as this one.
        #expect(PageRecordFile.decode(Data("chartbook-page-cache 1\nR\ta\tkey\t2\n".utf8)) == nil)
    }
}

/// The long step reports its progress item by item (issue 17).
@Suite struct BuildProgressTests {
    @Test func everyIssueAndChartIsCounted() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let seen = ConcurrentResults<BuildProgress>(count: 64)
        let count = ConcurrentCounter()
        var builder = SiteBuilder(project: sample.project, rasterize: false)
        builder.itemProgress = { p in seen.set(count.next(), .success(p)) }
        let summary = try builder.build()
        let reports = (0..<count.value).compactMap { try? seen.get($0)?.get() }
        #expect(reports.count == summary.issues + 2) // four issues and the two gallery pages
        #expect(reports.map(\.done).sorted() == Array(1...reports.count))
        #expect(reports.max(by: { $0.done < $1.done })?.charts == summary.charts)
        #expect(reports.allSatisfy { $0.total == reports.count })
    }
}

final class ConcurrentCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}
