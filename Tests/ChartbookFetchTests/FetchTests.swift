import ChartbookCore
import ChartbookData
@testable import ChartbookFetch
import Foundation
import Testing

/// `chartbook fetch` against a real server on 127.0.0.1 with the faults of real publishers (issue 12).
@Suite(.serialized) struct FetchTests {
    static let a = "observation_date,A\n2025-07-01,4.80\n2025-07-02,4.84\n2025-07-03,4.86\n"
    static let b = "observation_date,B\n2025-07-01,1.10\n2025-07-02,1.20\n"
    /// A's next version: 3 July revised, 7 July added.
    static let aNext = "observation_date,A\n2025-07-01,4.80\n2025-07-02,4.84\n2025-07-03,4.84\n2025-07-07,4.90\n"

    /// A project's Data/ with two fetched files, and a server serving their next versions.
    struct Fixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("chartbook-fetch-\(UUID().uuidString)")
        let server = FixtureServer()
        var data: URL { root.appendingPathComponent("Data") }

        init(urlA: String = "/a.csv", urlB: String = "/b.csv") throws {
            try server.start()
            try FileManager.default.createDirectory(at: data.appendingPathComponent("fred"), withIntermediateDirectories: true)
            let catalog = """
                files:
                  - path: fred/A.csv
                    reader: fred
                    source: {publisher: P, title: A, url: "https://example.org/a", licence: public domain}
                    fetch: {url: "\(server.url(urlA))"}
                  - path: fred/B.csv
                    reader: fred
                    source: {publisher: P, title: B, url: "https://example.org/b", licence: public domain}
                    fetch: {url: "\(server.url(urlB))"}
                series:
                  - {id: a, file: fred/A.csv, column: A, units: percent, name: {en: A, zh: A}}
                  - {id: b, file: fred/B.csv, column: B, units: percent, name: {en: B, zh: B}}
                """
            try Data(catalog.utf8).write(to: data.appendingPathComponent("catalog.yaml"))
            try Data(FetchTests.a.utf8).write(to: data.appendingPathComponent("fred/A.csv"))
            try Data(FetchTests.b.utf8).write(to: data.appendingPathComponent("fred/B.csv"))
        }

        func fetcher() throws -> Fetcher {
            let text = try String(contentsOf: data.appendingPathComponent("catalog.yaml"), encoding: .utf8)
            var fetcher = Fetcher(catalog: try Catalog(yaml: text, path: "Data/catalog.yaml"), dataDirectory: data)
            var options = Downloader.Options()
            options.idleTimeout = 1
            options.totalTimeout = 3
            options.backoff = 0.05
            fetcher.downloader = Downloader(options: options)
            fetcher.environment = ["FIXTURE_KEY": "s3cret"]
            return fetcher
        }

        func read(_ path: String) -> String { (try? String(contentsOf: data.appendingPathComponent(path), encoding: .utf8)) ?? "" }

        func tree() -> [String: Data] {
            var files: [String: Data] = [:]
            for path in (try? FileManager.default.subpathsOfDirectory(atPath: data.path)) ?? [] {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: data.path + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                    files[path] = FileManager.default.contents(atPath: data.path + "/" + path)
                }
            }
            return files
        }

        func remove() { server.stop(); try? FileManager.default.removeItem(at: root) }
    }

    @Test func aRevisionAndANewDayAreReportedAndOnlyThatFileChanges() throws {
        let f = try Fixture()
        defer { f.remove() }
        f.server.route("/a.csv", .ok(Self.aNext, etag: "\"v2\""))
        f.server.route("/b.csv", .ok(Self.b, etag: "\"b1\""))
        let report = try f.fetcher().run()
        #expect(!report.failed, "\(report.text)")
        let a = try #require(report.files.first { $0.path == "fred/A.csv" })
        #expect(a.status == .updated)
        #expect(a.changes == [SeriesChange(series: "a", added: [.init(date: "2025-07-07", value: 4.90)],
                                           revised: [.init(date: "2025-07-03", old: 4.86, new: 4.84)], removed: [])])
        #expect(report.files.first { $0.path == "fred/B.csv" }?.status == .unchanged)
        #expect(f.read("fred/A.csv") == Self.aNext)
        #expect(f.read("fred/B.csv") == Self.b)
        #expect(report.text.contains("2025-07-03 4.86 → 4.84"), "\(report.text)")
        #expect(f.read(FetchState.fileName).contains("fred/A.csv\t\"v2\""))
        // Asked again, the server says nothing changed: nothing is downloaded or written.
        let again = try f.fetcher().run()
        #expect(again.files.allSatisfy { $0.status == .notModified }, "\(again.text)")
        #expect(f.server.requests.last?.headers["if-none-match"] == "\"b1\"")
        let json = try JSONSerialization.jsonObject(with: report.json) as? [String: Any]
        #expect((json?["files"] as? [[String: Any]])?.count == 2)
    }

    @Test func oneFailingFileNeverBlocksTheOthers() throws {
        let f = try Fixture()
        defer { f.remove() }
        f.server.route("/a.csv", .status(404))
        f.server.route("/b.csv", .ok("observation_date,B\n2025-07-01,1.10\n2025-07-02,1.20\n2025-07-03,1.30\n"))
        let report = try f.fetcher().run()
        #expect(report.failed)
        #expect(report.files.first { $0.path == "fred/A.csv" }?.message?.contains("404") == true)
        #expect(report.files.first { $0.path == "fred/B.csv" }?.status == .updated)
        #expect(f.read("fred/A.csv") == Self.a)
        #expect(f.server.hits("/a.csv") == 1, "a 404 is not retried")
    }

    @Test func aServerErrorThatPassesIsRetried() throws {
        let f = try Fixture()
        defer { f.remove() }
        f.server.route("/a.csv", .status(500), .status(503), .ok(Self.aNext))
        f.server.route("/b.csv", .ok(Self.b))
        let report = try f.fetcher().run(only: ["fred/A.csv"])
        #expect(report.files.map(\.status) == [.updated], "\(report.text)")
        #expect(f.server.hits("/a.csv") == 3)
        #expect(f.server.hits("/b.csv") == 0, "--only fetched another file")
    }

    @Test(arguments: [
        ("html", FixtureServer.Behaviour.ok("<!DOCTYPE html><html><body>Service unavailable</body></html>"), "HTML page"),
        ("header", .ok("observation_date,OTHER\n2025-07-01,4.80\n2025-07-02,4.84\n2025-07-03,4.86\n"), "does not read"),
        ("shrunk", .ok("observation_date,A\n2025-07-03,4.86\n"), "shrank from 3 to 1"),
        ("truncated", .truncated(aNext, claimed: 4096), "cut short|bytes remaining"),
        ("slow", .slow(aNext, delay: .seconds(4)), "failed"),
        ("unavailable", .status(503), "503"),
    ])
    func aBadDownloadIsRefusedAndNothingChanges(name: String, behaviour: FixtureServer.Behaviour, message: String) throws {
        let f = try Fixture()
        defer { f.remove() }
        f.server.route("/a.csv", behaviour)
        let before = f.tree()
        let report = try f.fetcher().run(only: ["fred/A.csv"])
        let a = try #require(report.files.first)
        #expect(a.status == .failed, "\(name): \(report.text)")
        // Alternatives separated by "|" (the HTTP library may notice a cut-short body before we do).
        #expect(message.split(separator: "|").contains { a.message?.contains($0) == true }, "\(name): \(a.message ?? "")")
        #expect(f.tree() == before, "\(name) changed Data/")
        #expect(!FileManager.default.fileExists(atPath: f.data.appendingPathComponent(FileTransaction.journalName).path))
    }

    @Test func aCompressedDownloadIsDecompressed() throws {
        let f = try Fixture()
        defer { f.remove() }
        f.server.route("/a.csv", .deflated(Self.aNext))
        let report = try f.fetcher().run(only: ["fred/A.csv"])
        #expect(report.files.first?.status == .updated, "\(report.text)")
        #expect(f.read("fred/A.csv") == Self.aNext)
        #expect(f.server.requests.first?.headers["accept-encoding"]?.contains("deflate") == true)
    }

    @Test func aDryRunWritesNothing() throws {
        let f = try Fixture()
        defer { f.remove() }
        f.server.route("/a.csv", .ok(Self.aNext))
        let before = f.tree()
        let report = try f.fetcher().run(only: ["fred/A.csv"], dryRun: true)
        #expect(report.files.first?.status == .wouldUpdate)
        #expect(report.files.first?.changes.first?.revised.count == 1)
        #expect(f.tree() == before)
    }

    @Test func secretsInTheURLComeFromTheEnvironmentAndAreNeverShown() throws {
        let f = try Fixture(urlA: "/a.csv?api_key=${FIXTURE_KEY}", urlB: "/b.csv?api_key=${MISSING_KEY}")
        defer { f.remove() }
        f.server.route("/a.csv", .ok(Self.aNext))
        f.server.route("/b.csv", .ok(Self.b))
        let report = try f.fetcher().run()
        #expect(f.server.requests.first?.path == "/a.csv?api_key=s3cret")
        #expect(!report.text.contains("s3cret") && !String(decoding: report.json, as: UTF8.self).contains("s3cret"))
        #expect(report.files.first { $0.path == "fred/B.csv" }?.message?.contains("MISSING_KEY is not set") == true)
        #expect(f.server.hits("/b.csv") == 0)
    }
}
