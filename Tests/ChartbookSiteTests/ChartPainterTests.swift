import ChartbookCharts
import Foundation
import Testing
@testable import ChartbookSite

/// The PNG painter reads only what `ChartRenderer` writes: every chart of the sample and of the
/// benchmark workloads, in every format, must paint; anything else must be refused by name.
@Suite struct ChartPainterTests {
    @Test(.enabled(if: Rasterizer.find() != nil)) func everySampleChartPaintsInItsEmailLayout() throws {
        let sample = try SampleProject()
        let items = try PNGWorkload.items(project: sample.project)
        #expect(items.count >= 20)
        let rasterizer = try #require(Rasterizer.find())
        for item in items {
            let png = try rasterizer.png(item.svg, width: item.width, height: item.height)
            let decoded = try PNGEncoderTests.decode(png)
            #expect(decoded.width == Int(item.width * 2), "\(item.issue)")
            // Something was drawn in a series colour, not only the white background and grey text.
            #expect(decoded.rgb.contains { $0 != 0xFFFFFF && ($0 >> 16 & 0xFF) < 0x40 }, "\(item.issue)")
        }
    }

    @Test(.enabled(if: Rasterizer.find() != nil)) func everyWorkloadPaintsInEveryFormat() throws {
        let rasterizer = try #require(Rasterizer.find())
        for workload in ChartBenchmark.workloads() {
            for format in ChartFormat.allCases {
                let laid = format.layout(workload.chart)
                let svg = ChartRenderer().render(workload.chart, format: format)
                _ = try rasterizer.png(svg, width: laid.width, height: laid.height, scale: 1)
            }
        }
    }

    /// The lead chart's picture is cut from its social card: the band must be the picture drawn on
    /// its own, with a legend or without.
    @Test(.enabled(if: Rasterizer.find() != nil)) func aPictureCutFromItsCardIsThePictureDrawnAlone() throws {
        let rasterizer = try #require(Rasterizer.find())
        // Every picture of the sample (lines with end labels and with legends, bars, curves), and the benchmark's.
        let sample = try SampleProject()
        defer { sample.remove() }
        var context = BuildContext(project: sample.project)
        try SiteBuilder.loadConfig(&context)
        try SiteBuilder.loadData(&context)
        try SiteBuilder.loadTemplates(&context)
        try SiteBuilder.loadIssues(&context)
        let renderer = IssueRenderer(store: try #require(context.store), templates: try #require(context.templates), config: try #require(context.config))
        var charts = try context.issues.flatMap { try renderer.render($0).charts.filter(\.isPicture).map(\.chart) }
        charts += ChartBenchmark.workloads().map(\.chart)
        for var chart in charts {
            chart.notes = chart.notes ?? "A note under the source, which the picture leaves out."
            let card = ChartFormat.email.layout(chart), bare = ChartFormat.email.layout(chart, framed: false)
            let band = (top: ChartFormat.email.plotShift(chart), height: bare.height)
            let cut = try rasterizer.pngs(ChartRenderer().render(chart, format: .email), width: card.width, height: card.height, crops: [band])
            let alone = try rasterizer.png(ChartRenderer().render(chart, format: .email, framed: false), width: bare.width, height: bare.height)
            let a = try PNGEncoderTests.decode(cut[1]), b = try PNGEncoderTests.decode(alone)
            #expect(a.width == b.width && a.height == b.height, "\(chart.title)")
            // Coordinates are written to a tenth of a unit, so a shifted point can round the other
            // way: a few edge pixels may differ, nothing more.
            let differ = a.rgb.count == b.rgb.count ? zip(a.rgb, b.rgb).filter { $0 != $1 }.count : a.rgb.count
            #expect(Double(differ) < Double(a.rgb.count) * 0.002, "\(chart.title): \(differ) of \(a.rgb.count) pixels differ; band \(band)")
            #expect(bare.height < card.height - 40, "\(chart.title)")
        }
        #expect(charts.count >= 30)
    }

    @Test(.enabled(if: Rasterizer.find() != nil)) func whatThePainterCannotDrawIsRefusedByName() throws {
        let rasterizer = try #require(Rasterizer.find())
        let cases: [(String, String)] = [
            (##"<svg viewBox="0 0 10 10"><ellipse cx="5" cy="5" rx="2" ry="1"/></svg>"##, "<ellipse>"),
            (##"<svg viewBox="0 0 10 10"><path d="M0,0C1,1 2,2 3,3" stroke="#000000"/></svg>"##, "path command C"),
            (##"<svg viewBox="0 0 10 10"><rect width="5" height="5" fill="red"/></svg>"##, "colour red"),
            (##"<svg viewBox="0 0 10 10"><path d="M0,0L5,5" clip-path="url(#nowhere)"/></svg>"##, "clip-path"),
        ]
        for (svg, named) in cases {
            do {
                _ = try rasterizer.png(svg, width: 10, height: 10)
                Issue.record("\(named) was drawn")
            } catch {
                #expect("\(error)".contains(named), "\(error)")
            }
        }
    }
}
