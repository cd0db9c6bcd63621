import ChartbookCore
@testable import ChartbookData
import Foundation
import Testing

/// `chartbook import` rewrites `Data/` all or nothing, and reads only inside its raw folder.
@Suite struct ImportTests {
    /// A project's Data/ with a catalog of two imported files, and a raw folder holding both.
    struct Fixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("chartbook-import-\(UUID().uuidString)")
        var data: URL { root.appendingPathComponent("Data") }
        var raw: URL { root.appendingPathComponent("raw") }

        init(from second: String = "b.csv") throws {
            for folder in [data, raw] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            let catalog = """
                files:
                  - path: a.csv
                    reader: fred
                    source: {publisher: P, title: A, url: "https://example.org/a", licence: public domain}
                    import: {from: a.csv}
                  - path: sub/b.csv
                    reader: fred
                    source: {publisher: P, title: B, url: "https://example.org/b", licence: public domain}
                    import: {from: "\(second)"}
                series:
                  - {id: a, file: a.csv, column: A, units: percent, name: {en: A, zh: A}}
                  - {id: b, file: sub/b.csv, column: B, units: percent, name: {en: B, zh: B}}
                """
            try Data(catalog.utf8).write(to: data.appendingPathComponent("catalog.yaml"))
            try Data("observation_date,A\n2025-01-02,1.0\n".utf8).write(to: data.appendingPathComponent("a.csv"))
            try Data("observation_date,A\n2025-01-02,1.5\n2025-01-03,1.6\n".utf8).write(to: raw.appendingPathComponent("a.csv"))
            try Data("observation_date,B\n2025-01-02,2.5\n".utf8).write(to: raw.appendingPathComponent("b.csv"))
        }

        func importer() throws -> Importer {
            let text = try String(contentsOf: data.appendingPathComponent("catalog.yaml"), encoding: .utf8)
            return Importer(catalog: try Catalog(yaml: text, path: "Data/catalog.yaml"), rawDirectory: raw, dataDirectory: data)
        }

        /// Every file under Data/ (hidden ones too) with its bytes.
        func tree() -> [String: Data] {
            var files: [String: Data] = [:]
            guard let e = FileManager.default.enumerator(atPath: data.path) else { return files }
            for case let path as String in e where !path.hasSuffix("/") {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: data.path + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                    files[path] = FileManager.default.contents(atPath: data.path + "/" + path)
                }
            }
            return files
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func importsEveryFileAndTheAttribution() throws {
        let f = try Fixture()
        defer { f.remove() }
        let reports = try f.importer().run()
        #expect(reports.map(\.path) == ["a.csv", "sub/b.csv"])
        let tree = f.tree()
        #expect(tree["a.csv"] == Data("observation_date,A\n2025-01-02,1.5\n2025-01-03,1.6\n".utf8))
        #expect(tree["sub/b.csv"] == Data("observation_date,B\n2025-01-02,2.5\n".utf8))
        #expect(tree["SOURCES.md"].map { String(decoding: $0, as: UTF8.self).contains("## sub/b.csv") } == true)
        #expect(!tree.keys.contains { $0.contains(FileTransaction.journalName) }, "journal left: \(tree.keys)")
    }

    @Test func aMissingLaterFileLeavesDataAsItWas() throws {
        let f = try Fixture(from: "missing.csv")
        defer { f.remove() }
        let before = f.tree()
        #expect(throws: SourceError.self) { try f.importer().run() }
        #expect(f.tree() == before)
    }

    @Test(arguments: ["../../../../etc/passwd", "/etc/passwd", "../raw/b.csv", "~/b.csv", "sub//b.csv"])
    func importReadsOnlyInsideItsRawFolder(from: String) throws {
        let f = try Fixture(from: from)
        defer { f.remove() }
        let before = f.tree()
        let importer = try f.importer()
        do throws(SourceError) {
            _ = try importer.run()
            Issue.record("import read \(from)")
        } catch {
            #expect(error.location.file == "Data/catalog.yaml" && error.location.line != nil, "\(error)")
        }
        #expect(f.tree() == before)
    }

    @Test func aSymbolicLinkOutOfTheRawFolderIsRefused() throws {
        let f = try Fixture(from: "link.csv")
        defer { f.remove() }
        try FileManager.default.createSymbolicLink(atPath: f.raw.appendingPathComponent("link.csv").path, withDestinationPath: "/etc/passwd")
        let before = f.tree()
        #expect(throws: SourceError.self) { try f.importer().run() }
        #expect(f.tree() == before)
    }

    @Test func aFIFOInPlaceOfARawFileIsAnErrorNotAHang() throws {
        let f = try Fixture()
        defer { f.remove() }
        try FileManager.default.removeItem(at: f.raw.appendingPathComponent("b.csv"))
        #expect(mkfifo(f.raw.appendingPathComponent("b.csv").path, 0o644) == 0)
        let before = f.tree()
        let importer = try f.importer()
        do throws(SourceError) {
            _ = try importer.run()
            Issue.record("a FIFO was imported")
        } catch {
            #expect(error.message.contains("FIFO"), "\(error)")
        }
        #expect(f.tree() == before)
    }

    /// A transaction killed before its commit point is undone; one killed after it is finished.
    @Test func killedTransactionsAreUndoneOrFinished() throws {
        let f = try Fixture()
        defer { f.remove() }
        let before = f.tree()
        let journal = f.data.appendingPathComponent(FileTransaction.journalName)
        // Killed while staging: files in the journal, no commit.
        try FileManager.default.createDirectory(at: journal.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: journal.appendingPathComponent("files/a.csv"))
        try FileTransaction.recover(f.data)
        #expect(f.tree() == before)
        // Killed while moving files into place: committed, a.csv moved, sub/b.csv not yet.
        try FileManager.default.createDirectory(at: journal.appendingPathComponent("files/sub"), withIntermediateDirectories: true)
        try Data("new b".utf8).write(to: journal.appendingPathComponent("files/sub/b.csv"))
        try Data("new a".utf8).write(to: f.data.appendingPathComponent("a.csv"))
        try Data("a.csv\nsub/b.csv\n".utf8).write(to: journal.appendingPathComponent("COMMITTED"))
        try FileTransaction.recover(f.data)
        var after = before
        after["a.csv"] = Data("new a".utf8)
        after["sub/b.csv"] = Data("new b".utf8)
        #expect(f.tree() == after)
        // A committed list that names a path outside the folder is refused, not followed.
        try FileManager.default.createDirectory(at: journal.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Data("../escape\n".utf8).write(to: journal.appendingPathComponent("COMMITTED"))
        #expect(throws: SourceError.self) { try FileTransaction.recover(f.data) }
    }

    /// The bundled sample's Data/ is what `import` makes of ../shared/data/raw (skipped without it).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: ImportTests.sharedRaw.path)))
    func theSampleDataIsTheImportOfTheRawFiles() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("chartbook-import-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Data"), to: copy)
        let text = try String(contentsOf: copy.appendingPathComponent("catalog.yaml"), encoding: .utf8)
        _ = try Importer(catalog: try Catalog(yaml: text, path: "Data/catalog.yaml"), rawDirectory: Self.sharedRaw, dataDirectory: copy).run()
        for path in try FileManager.default.subpathsOfDirectory(atPath: copy.path) {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: copy.path + "/" + path, isDirectory: &isDir), !isDir.boolValue else { continue }
            #expect(FileManager.default.contents(atPath: copy.path + "/" + path) == FileManager.default.contents(atPath: repository.path + "/Data/" + path),
                    "Data/\(path) differs from its import")
        }
    }

    static let sharedRaw = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data/raw").standardizedFileURL
}
