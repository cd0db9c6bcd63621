import ChartbookCore
import ChartbookSite
import Foundation
import Testing

/// The bundled sample, built end to end.
@Suite struct SampleBuildTests {
    @Test func issuePageHoldsChartsWhoseLastPointsAreTheData() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        let summary = try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(summary.issues >= 1 && summary.charts >= 3)
        let html = try sample.read(sample.issuePath)
        #expect(html.components(separatedBy: "<svg ").count - 1 >= 3)

        // The JGB 20/30/40-year chart; its third line is the 40-year yield.
        let svg = try #require(html.components(separatedBy: "<svg ").first { $0.contains("<title id=\"chart-3-title\">日本30年和40年期国债收益率本月创下纪录</title>") })
        let grid = try SVGProbe.gridlines(svg)
        let last = try SVGProbe.lastPoint(svg, seriesClass: "cb-s2")
        let value = grid.value(atY: last.y)
        #expect(abs(value - 3.249) < 0.005, "last plotted 40-year value is \(value)")
        #expect(svg.contains("2025-05-23为3.249"))
        // The last point sits at the right end of the time axis, i.e. on the last data day, 2025-05-23.
        let right = try SVGProbe.lastPoint(svg, seriesClass: "cb-s0").x
        #expect(abs(last.x - right) < 0.01)
    }

    @Test func proseNumbersComeFromTheData() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let html = try sample.read(sample.issuePath)
        #expect(html.contains("投标倍数只有2.50倍"))
        #expect(html.contains("这是2012年8月以来的最低水平"))
        #expect(html.contains("40年期报3.249%"))
        // The template says none of these numbers itself (the year sits only in the claim's name).
        let template = try sample.read("Templates/partials/japan.md")
        #expect(!template.contains("2.50") && !template.contains("2012年") && !template.contains("3.249"))
    }

    @Test func theSameInputsGiveTheSameBytes() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project).build()
        let first = try sample.snapshot()
        try SiteBuilder(project: sample.project).build()
        #expect(try sample.snapshot() == first)
        #expect(try sample.strayEntries().isEmpty)
    }

    @Test func anArchivedIssueIgnoresLaterData() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let before = try sample.read(sample.issuePath)
        // A new auction after the issue's as-of date must not change the issue.
        let auctions = try sample.read("Data/mof/jgb_auctions.csv")
        try sample.write("Data/mof/jgb_auctions.csv", auctions + "2027-01-05,20-Year,1000.0,3.1,1.01\n")
        try SiteBuilder(project: sample.project, rasterize: false).build()
        #expect(try sample.read(sample.issuePath) == before)
    }
}

/// Reads positions back out of a rendered SVG, to check what was drawn against the data.
enum SVGProbe {
    struct Grid {
        var points: [(y: Double, value: Double)]
        func value(atY y: Double) -> Double {
            let a = points[0], b = points[points.count - 1]
            return a.value + (y - a.y) / (b.y - a.y) * (b.value - a.value)
        }
    }

    /// Gridline y positions paired with the numbers written on them.
    static func gridlines(_ svg: String) throws -> Grid {
        let pattern = try NSRegularExpression(pattern: #"<line class="cb-(?:grid|base)" x1="[^"]+" x2="[^"]+" y1="([0-9.]+)" y2="[0-9.]+"[^>]*/><text class="cb-muted" x="[^"]+" y="[^"]+" font-size="[^"]+" fill="[^"]+">([-0-9.]+)</text>"#)
        let ns = svg as NSString
        let points = pattern.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map {
            (y: Double(ns.substring(with: $0.range(at: 1)))!, value: Double(ns.substring(with: $0.range(at: 2)))!)
        }
        guard points.count >= 2 else { throw SourceError(SourceLocation(file: "svg"), "no gridlines found") }
        return Grid(points: points)
    }

    /// The final vertex of the path drawn with `seriesClass`.
    static func lastPoint(_ svg: String, seriesClass: String) throws -> (x: Double, y: Double) {
        let pattern = try NSRegularExpression(pattern: #"<path d="([^"]*)" class=""# + seriesClass + "\"")
        guard let match = pattern.firstMatch(in: svg, range: NSRange(svg.startIndex..., in: svg)) else {
            throw SourceError(SourceLocation(file: "svg"), "no path \(seriesClass)")
        }
        let d = (svg as NSString).substring(with: match.range(at: 1))
        let lastVertex = d.split(whereSeparator: { $0 == "L" || $0 == "M" }).last ?? ""
        let xy = lastVertex.split(separator: ",").compactMap { Double($0) }
        guard xy.count == 2 else { throw SourceError(SourceLocation(file: "svg"), "bad path \(d.suffix(40))") }
        return (xy[0], xy[1])
    }
}
