import ChartbookCore
import ChartbookSite
import Foundation
import Testing

/// Each bad input stops the build with a message naming file, line and column, and leaves the
/// previous Output/ exactly as it was.
@Suite struct BadInputTests {
    /// Builds the good sample, applies `breakIt`, rebuilds, and returns the error after checking Output/ is untouched.
    func failure(_ breakIt: (SampleProject) throws -> Void) throws -> SourceError {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let before = try sample.snapshot()
        #expect(before.count >= 3)
        try breakIt(sample)
        do {
            try SiteBuilder(project: sample.project, rasterize: false).build()
        } catch {
            #expect(try sample.snapshot() == before, "Output/ changed after a failed build")
            #expect(try sample.strayEntries().isEmpty, "a failed build left files behind")
            return error
        }
        throw SourceError(SourceLocation(file: "test"), "the build succeeded on bad input")
    }

    /// A project's very first build, failing, leaves nothing beside its inputs: no staging folder,
    /// no spare, no Output/.
    @Test func aFailedFirstBuildLeavesNothingBehind() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Data/mof/jgbcme_all.csv", replacing: "2025/5/20,0.583,0.728", with: "2025/5/20,0.583,0.7x8")
        #expect(throws: SourceError.self) { try SiteBuilder(project: sample.project, rasterize: false).build() }
        let entries = try FileManager.default.contentsOfDirectory(atPath: sample.root.path).filter { $0 != ".chartbook-cache" }
        #expect(entries.sorted() == ["Data", "Templates"], "left behind: \(entries)")
    }

    @Test func malformedCSVRow() throws {
        let error = try failure { sample in
            try sample.edit("Data/mof/jgbcme_all.csv", replacing: "2025/5/20,0.583,0.728", with: "2025/5/20,0.583,0.7x8")
        }
        let text = try String(contentsOf: SampleProject.repository.appendingPathComponent("Data/mof/jgbcme_all.csv"), encoding: .utf8)
        let line = text.components(separatedBy: "\r\n").firstIndex { $0.hasPrefix("2025/5/20,") }! + 1
        #expect(error.location == SourceLocation(file: "Data/mof/jgbcme_all.csv", line: line, column: 17))
        #expect(error.message == "not a number: '0.7x8'")
    }

    @Test func unknownSeriesInProse() throws {
        let error = try failure { sample in
            try sample.edit("Templates/partials/carry.md", replacing: "{{series.usdjpy.last}}", with: "{{series.usdjyp.last}}")
        }
        #expect(error.location.file == "Templates/partials/carry.md")
        #expect(error.location.line == (try SampleProject.line(of: "{{series.usdjpy.last}}", in: "Templates/partials/carry.md")))
        #expect(error.location.column != nil)
        #expect(error.message.hasPrefix("unknown series 'usdjyp'"))
    }

    @Test func unknownSeriesInChartSpec() throws {
        let error = try failure { sample in
            try sample.edit("Templates/partials/us-assets.md", replacing: "series: [ust_10y, ust_30y]", with: "series: [ust_10y, ust_31y]")
        }
        #expect(error.location.file == "Templates/partials/us-assets.md")
        #expect(error.location.line == (try SampleProject.line(of: "series: [ust_10y, ust_30y]", in: "Templates/partials/us-assets.md")))
        #expect(error.location.column == 19)
        #expect(error.message.hasPrefix("unknown series 'ust_31y' in chart"))
    }

    @Test func chartSpecWithUnknownKey() throws {
        let error = try failure { sample in
            try sample.edit("Templates/partials/us-assets.md", replacing: "since: 2000-01-01", with: "snice: 2000-01-01")
        }
        let line = try SampleProject.line(of: "since: 2000-01-01", in: "Templates/partials/us-assets.md")
        #expect(error.location == SourceLocation(file: "Templates/partials/us-assets.md", line: line, column: 1))
        #expect(error.message.hasPrefix("unknown key 'snice'"))
    }

    @Test func templateSyntaxError() throws {
        let error = try failure { sample in
            try sample.edit("Templates/partials/china.md", replacing: "{{series.usdcny.last}}", with: "{{#series.usdcny}}{{last}}")
        }
        #expect(error.location.file == "Templates/partials/china.md")
        #expect(error.location.line == (try SampleProject.line(of: "{{series.usdcny.last}}", in: "Templates/partials/china.md")))
        #expect(error.message.hasPrefix("section 'series.usdcny' is opened here but never closed"))
    }

    @Test func missingPartial() throws {
        let error = try failure { sample in
            try sample.edit("Templates/issues/2025-05-24-jgb-auction.md", replacing: "{{> china}}", with: "{{> chinaa}}")
        }
        #expect(error.location.file == "Templates/issues/2025-05-24-jgb-auction.md")
        #expect(error.message.hasPrefix("unknown partial 'chinaa'"))
    }

    @Test func recursivePartial() throws {
        let error = try failure { sample in
            let text = try sample.read("Templates/partials/china.md")
            try sample.write("Templates/partials/china.md", text + "\n{{> china}}\n")
        }
        #expect(error.message.contains("includes itself"))
    }

    @Test func frontMatterError() throws {
        let error = try failure { sample in
            try sample.edit("Templates/issues/2025-05-24-jgb-auction.md", replacing: "as_of: 2025-05-24", with: "as_of: 2025-05-32")
        }
        #expect(error.location == SourceLocation(file: "Templates/issues/2025-05-24-jgb-auction.md", line: 4, column: 8))
    }

    @Test func missingDataFile() throws {
        let error = try failure { sample in
            try FileManager.default.removeItem(at: sample.root.appendingPathComponent("Data/fred/DGS30.csv"))
        }
        #expect(error.location.file == "Data/catalog.yaml")
        #expect(error.message.contains("Data/fred/DGS30.csv is missing"))
    }
}
