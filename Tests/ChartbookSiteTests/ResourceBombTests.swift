import ChartbookCore
import ChartbookSite
import Foundation
import Testing

/// Input that would exhaust memory or wait forever gives one clear error, with the file (and line
/// where there is one), and leaves the output as it was (issue 16: "Crashes or hangs").
@Suite struct ResourceBombTests {
    let hostile = HostileInputTests()

    /// Ten lines of YAML that expand to 9^9 (387 million) scalars.
    static func billionLaughs(indent: String = "") -> String {
        var lines = [indent + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = Array("abcdefghi")
        for i in 1..<names.count {
            let previous = "*\(names[i - 1])"
            lines.append(indent + "\(names[i]): &\(names[i]) [" + Array(repeating: previous, count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n")
    }

    @Test func anAliasBombInFrontMatterIsAnError() throws {
        let error = try hostile.buildError { sample in
            try sample.edit("Templates/issues/2025-05-24-jgb-auction.md", replacing: "translation_key:", with: Self.billionLaughs() + "\ntranslation_key:")
        }
        #expect(error.message.contains("aliases"), "\(error)")
        #expect(error.location.file == "Templates/issues/2025-05-24-jgb-auction.md" && error.location.line != nil)
    }

    @Test func anAliasBombInAChartSpecIsAnError() throws {
        let error = try hostile.buildError { sample in
            try sample.edit("Templates/partials/china.md", replacing: "series: [{expr: \"rebase(usdjpy, 2022-01-03)\", label: 日元}, {expr: \"rebase(usdcny, 2022-01-03)\", label: 人民币}]", with: "series: [usdcny]\n" + Self.billionLaughs())
        }
        #expect(error.message.contains("aliases"), "\(error)")
        #expect(error.location.file == "Templates/partials/china.md" && error.location.line != nil)
    }

    @Test func anAliasBombInTheCatalogIsAnError() throws {
        let error = try hostile.buildError { sample in
            try sample.edit("Data/catalog.yaml", replacing: "files:", with: "bomb:\n" + Self.billionLaughs(indent: "  ") + "\nfiles:")
        }
        #expect(error.message.contains("aliases"), "\(error)")
        #expect(error.location.file == "Data/catalog.yaml")
    }

    @Test func aFIFOInPlaceOfAnIssueIsAnErrorNotAHang() throws {
        let error = try hostile.buildError { sample in
            #expect(mkfifo(sample.root.appendingPathComponent("Templates/issues/2025-06-01-pipe.md").path, 0o644) == 0)
        }
        #expect(error.message.contains("FIFO"), "\(error)")
        #expect(error.location.file == "Templates/issues/2025-06-01-pipe.md")
    }

    @Test func aFIFOInPlaceOfADataFileIsAnErrorNotAHang() throws {
        let error = try hostile.buildError { sample in
            let path = sample.root.appendingPathComponent("Data/fred/DGS30.csv").path
            try FileManager.default.removeItem(atPath: path)
            #expect(mkfifo(path, 0o644) == 0)
        }
        #expect(error.message.contains("FIFO"), "\(error)")
    }

    @Test func aTenThousandCharacterTagIsAnErrorAtItsLine() throws {
        let error = try hostile.buildError { sample in
            try sample.edit("Templates/issues/2025-05-24-jgb-auction.md", replacing: "tags: [", with: "tags: [" + String(repeating: "x", count: 10_000) + ", ")
        }
        #expect(error.location.file == "Templates/issues/2025-05-24-jgb-auction.md")
        #expect(error.location.line == 7, "\(error)")
    }

    @Test func anIssueFileWithAByteOrderMarkBuildsAsWithout() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let path = "Templates/issues/2025-05-24-jgb-auction.md"
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let without = try sample.snapshot()
        try sample.write(path, "\u{FEFF}" + (try sample.read(path)))
        try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(try sample.snapshot() == without)
    }

    @Test func aChartOfTenThousandSeriesIsAnError() throws {
        let error = try hostile.buildError { sample in
            try sample.edit("Templates/partials/china.md", replacing: "series: [{expr: \"rebase(usdjpy, 2022-01-03)\", label: 日元}, {expr: \"rebase(usdcny, 2022-01-03)\", label: 人民币}]",
                            with: "series: [" + Array(repeating: "usdcny", count: 10_000).joined(separator: ", ") + "]")
        }
        #expect(error.message.contains("at most 24 series"), "\(error)")
        #expect(error.location.file == "Templates/partials/china.md" && error.location.line != nil)
    }

    @Test func aDeeplyNestedExpressionIsAnError() throws {
        let error = try hostile.buildError { sample in
            try sample.edit("Templates/partials/china.md", replacing: "series: [{expr: \"rebase(usdjpy, 2022-01-03)\", label: 日元}, {expr: \"rebase(usdcny, 2022-01-03)\", label: 人民币}]",
                            with: "series: [{expr: \"" + String(repeating: "bp(", count: 5_000) + "usdcny" + String(repeating: ")", count: 5_000) + "\"}]")
        }
        #expect(error.message.contains("limit is 400"), "\(error)")
    }
}
