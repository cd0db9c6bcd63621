import ChartbookCore
import ChartbookData
@testable import ChartbookFetch
import ChartbookSite
import Foundation
import Testing

/// The weekly loop end to end on the bundled sample: a publisher revises an old value and adds a
/// day; `fetch` takes exactly that into `Data/`, published issues do not change by a byte, and
/// `check` names the issue the revision would have changed (issue 12).
@Suite(.serialized) struct FrozenIssueTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    static func tree(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? [] {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                files[path] = FileManager.default.contents(atPath: folder.path + "/" + path)
            }
        }
        return files
    }

    @Test func aRevisionAfterPublicationNeverChangesAPublishedIssue() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("chartbook-frozen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for folder in ["Data", "Templates"] {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let server = FixtureServer()
        try server.start()
        defer { server.stop() }
        // The publisher's copy: 3 July 2025 revised, one new day after the last.
        let data = root.appendingPathComponent("Data")
        let current = try String(contentsOf: data.appendingPathComponent("fred/DGS30.csv"), encoding: .utf8)
        let revised = current.replacingOccurrences(of: "\n2025-07-03,4.86\n", with: "\n2025-07-03,5.91\n") + "2026-07-29,5.15\n"
        #expect(revised != current + "2026-07-29,5.15\n")
        server.route("/DGS30.csv", .ok(revised))
        let catalogURL = data.appendingPathComponent("catalog.yaml")
        let catalogText = try String(contentsOf: catalogURL, encoding: .utf8)
            .replacingOccurrences(of: "https://fred.stlouisfed.org/graph/fredgraph.csv?id=DGS30", with: server.url("/DGS30.csv"))
        try Data(catalogText.utf8).write(to: catalogURL)

        let project = Project(root: root)
        try SiteBuilder(project: project, rasterize: false).build()
        let published = Self.tree(project.output)
        let dataBefore = Self.tree(data)

        var fetcher = Fetcher(catalog: try project.loadCatalog().catalog, dataDirectory: data)
        fetcher.today = try #require(Day(iso: "2026-07-30"))
        let report = fetcher.run(only: ["fred/DGS30.csv"])
        let outcome = try #require(report.files.first)
        #expect(outcome.status == .updated, "\(report.text)")
        let change = try #require(outcome.changes.first)
        #expect(change.revised == [.init(date: "2025-07-03", old: 4.86, new: 5.91)])
        #expect(change.added == [.init(date: "2026-07-29", value: 5.15)])
        #expect(change.removed.isEmpty)
        // Only that file changed in Data/, with its fetch state and the vintage log.
        let dataAfter = Self.tree(data)
        let changedFiles = Set(dataAfter.keys).union(dataBefore.keys).filter { dataAfter[$0] != dataBefore[$0] }
        #expect(changedFiles == ["fred/DGS30.csv", FetchState.fileName, VintageLog.fileName], "\(changedFiles.sorted())")
        #expect(String(decoding: dataAfter[VintageLog.fileName] ?? Data(), as: UTF8.self).contains("2026-07-30\tust_30y\t2025-07-03\t5.91\t4.86\n"))

        // Every published page, chart, CSV and feed stays as it was.
        try SiteBuilder(project: project, rasterize: false).build()
        let rebuilt = Self.tree(project.output)
        let differing = Set(rebuilt.keys).union(published.keys).filter { rebuilt[$0] != published[$0] }
        #expect(differing.isEmpty, "changed after the revision: \(differing.sorted().prefix(5))")

        // check names the issue that the revision would change, and how to adopt it.
        let notes = SiteChecker(project: project).run().filter { $0.severity == .note }
        let note = try #require(notes.first { $0.location.file == "Templates/issues/2025-07-11-super-long-summer.md" }, "\(notes)")
        #expect(note.message.contains("ust_30y 2025-07-03 4.86 → 5.91 on 2026-07-30"), "\(note.message)")
        #expect(note.message.contains("corrected: 2026-07-30"))
        #expect(!notes.contains { $0.location.file.contains("2025-05-24") }, "an issue before 3 July cannot be affected")

        // Adopting the revision is explicit, and the page says so.
        let issuePath = root.appendingPathComponent("Templates/issues/2025-07-11-super-long-summer.md")
        let issueText = try String(contentsOf: issuePath, encoding: .utf8)
        try Data(issueText.replacingOccurrences(of: "as_of: 2025-07-11\n", with: "as_of: 2025-07-11\ncorrected: 2026-07-30\n").utf8).write(to: issuePath)
        try SiteBuilder(project: project, rasterize: false).build()
        let page = try String(contentsOf: project.output.appendingPathComponent("issues/2025-07-11-super-long-summer/index.html"), encoding: .utf8)
        #expect(page.contains("class=\"correction\""))
        #expect(page != String(decoding: published["issues/2025-07-11-super-long-summer/index.html"] ?? Data(), as: UTF8.self))
    }
}
