import ChartbookCore
import ChartbookSite
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Inputs written to break the build or break out of it: each gives one clear error, or is
/// escaped wherever it lands.
@Suite struct HostileInputTests {
    func buildError(_ breakIt: (SampleProject) throws -> Void) throws -> SourceError {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let before = try sample.snapshot()
        try breakIt(sample)
        do {
            try SiteBuilder(project: sample.project, rasterize: false).build()
        } catch {
            #expect(try sample.snapshot() == before)
            #expect(try sample.strayEntries().isEmpty)
            return error
        }
        throw SourceError(SourceLocation(file: "test"), "the build accepted hostile input")
    }

    @Test func deeplyNestedSectionsAreAnErrorNotACrash() throws {
        let error = try buildError { sample in
            try sample.edit("Templates/partials/china.md", replacing: "## 中国", with: String(repeating: "{{#issue}}", count: 10_000) + "x"
                            + String(repeating: "{{/issue}}", count: 10_000) + "\n\n## 中国")
        }
        #expect(error.message.contains("nested more than 64 deep"))
        #expect(error.location.file == "Templates/partials/china.md")
    }

    @Test func deeplyNestedYAMLIsAnError() throws {
        let error = try buildError { sample in
            try sample.edit("Templates/partials/china.md", replacing: "series: [{expr: \"rebase(usdjpy, 2022-01-03)\", label: 日元}, {expr: \"rebase(usdcny, 2022-01-03)\", label: 人民币}]",
                            with: "series: " + String(repeating: "[", count: 10_000) + "usdcny" + String(repeating: "]", count: 10_000))
        }
        #expect(error.message.contains("YAML syntax error"))
    }

    @Test func deeplyNestedMarkdownBuilds() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "## 中国", with: String(repeating: ">", count: 10_000) + " deep\n\n"
                        + String(repeating: "- ", count: 3_000) + "list\n\n## 中国")
        try SiteBuilder(project: sample.project, rasterize: false).build()
    }

    @Test func hugeEmptyAndLinkedDataFiles() throws {
        let huge = try buildError { sample in
            // A sparse file: 1 GB on paper, nothing on disk.
            let url = sample.root.appendingPathComponent("Data/fred/DGS30.csv")
            try Data().write(to: url)
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 1 << 30)
            try handle.close()
        }
        #expect(huge.message.contains("1073741824 bytes"))
        let empty = try buildError { sample in try Data().write(to: sample.root.appendingPathComponent("Data/fred/DGS30.csv")) }
        #expect(empty.location == SourceLocation(file: "Data/fred/DGS30.csv", line: 1, column: 1))
        let linked = try buildError { sample in
            let url = sample.root.appendingPathComponent("Data/fred/DGS30.csv")
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createSymbolicLink(at: url, withDestinationURL: URL(fileURLWithPath: "/etc/hostname"))
        }
        #expect(linked.message.contains("resolves outside Data/"))
        let emptyIssue = try buildError { sample in try Data().write(to: sample.root.appendingPathComponent("Templates/issues/2025-05-24-jgb-auction.md")) }
        #expect(emptyIssue.message.contains("must start with '---'"))
    }

    @Test func pathsCannotLeaveTheProject() throws {
        let dataPath = try buildError { sample in
            try sample.edit("Data/catalog.yaml", replacing: "path: fred/DGS30.csv", with: "path: ../../../etc/passwd")
        }
        #expect(dataPath.message.contains("must be relative and stay inside Data/"))
        let absolute = try buildError { sample in
            try sample.edit("Data/catalog.yaml", replacing: "path: fred/DGS30.csv", with: "path: /etc/passwd")
        }
        #expect(absolute.message.contains("must be relative"))
        let partial = try buildError { sample in
            try sample.edit("Templates/issues/2025-05-24-jgb-auction.md", replacing: "{{> china}}", with: "{{> ../../etc/passwd}}")
        }
        #expect(partial.message.contains("unknown partial"))
        let slug = try buildError { sample in
            try FileManager.default.moveItem(at: sample.root.appendingPathComponent("Templates/issues/2025-05-24-jgb-auction.md"),
                                             to: sample.root.appendingPathComponent("Templates/issues/2025-05-24-a%2F..%2Fb.md"))
        }
        #expect(slug.message.contains("use lower-case letters"))
        let linkedTemplate = try buildError { sample in
            let url = sample.root.appendingPathComponent("Templates/partials/china.md")
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createSymbolicLink(at: url, withDestinationURL: URL(fileURLWithPath: "/etc/hostname"))
        }
        #expect(linkedTemplate.message.contains("outside the project"))
        #expect(throws: SourceError.self) { try OutputWriter.publish([OutputFile(path: "../escape.html", contents: "x")], to: FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID())")) }
    }

    static let hostile = "<script>alert(1)</script>\"><svg onload=alert(2)>]]>&\u{7}\u{1B}"

    /// Hostile text in the catalog, front matter, chart titles and annotations comes out escaped in
    /// pages, SVG, feeds, JSON Feed and email, and every XML output still parses.
    @Test func hostileStringsAreEscapedEverywhere() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let h = Self.hostile
        let yamlQuoted = "\"" + h.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\u{7}", with: "\\a").replacingOccurrences(of: "\u{1B}", with: "\\e") + "\""
        try sample.edit("Data/catalog.yaml", replacing: "label: {zh: 美元/日元, en: USD/JPY}", with: "label: \(yamlQuoted)")
        try sample.edit("Data/catalog.yaml", replacing: "publisher: {zh: 美联储H.10（经FRED）, en: Federal Reserve H.10 via FRED}", with: "publisher: \(yamlQuoted)")
        try sample.edit("Templates/issues/2025-05-24-jgb-auction.md", replacing: "title: 老二的宿命：日债遇冷如何震动全球资金", with: "title: \(yamlQuoted)")
        try sample.edit("Templates/issues/2025-05-24-jgb-auction.md", replacing: "tags: [日本国债, 套息交易, 美债, 中国]", with: "tags: [\(yamlQuoted), 中国]")
        try sample.edit("Templates/partials/carry.md", replacing: "title: 去年夏天平仓潮以来日元走强", with: "title: \(yamlQuoted)")
        try sample.edit("Templates/partials/carry.md", replacing: "label: 套息平仓}", with: "label: \(yamlQuoted)}")
        try SiteBuilder(project: sample.project).build()

        for (path, data) in try sample.snapshot() where path.hasSuffix(".html") || path.hasSuffix(".svg") || path.hasSuffix(".xml") || path.hasSuffix(".json") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert"), "\(path) carries a live script tag")
            #expect(!text.contains("<svg onload"), "\(path) carries a live svg tag")
            #expect(!text.contains("\u{7}") && !text.contains("\u{1B}"), "\(path) carries control characters")
            if path.hasSuffix(".xml") || path.hasSuffix(".svg") {
                let parser = XMLParser(data: data)
                #expect(parser.parse(), "\(path) is not well-formed XML")
            }
            if path.hasSuffix(".json") { #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) is not valid JSON") }
        }
        let page = try sample.read(sample.issuePath)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    /// Raw HTML typed by an author is dropped unless the site turns it on.
    @Test func rawHTMLIsOffByDefault() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/partials/china.md", replacing: "## 中国", with: "<script>alert(3)</script>\n\n<img src=x onerror=alert(4)>\n\n[x](javascript:alert(5))\n\n## 中国")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let page = try sample.read(sample.issuePath)
        #expect(!page.contains("alert(3)") && !page.contains("onerror") && !page.contains("javascript:"))
    }
}
