import ChartbookCharts
import ChartbookCore
import Foundation
import Testing
@testable import ChartbookSite

/// What the reading script (chart.js) needs is in the page: each time chart's plot rectangle and
/// domains, and its values as JSON that parses, capped per series, ending at the latest observation.
@Suite struct ChartReadingTests {
    @Test func timeChartsCarryTheirPlotAndValues() throws {
        let sample = try SampleProject()
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let html = try sample.read("Output/issues/2025-05-24-jgb-auction-en/index.html")
        #expect(html.contains("<script src=\"../../chart.js\" defer></script>"))
        let blocks = html.components(separatedBy: "<script type=\"application/json\" class=\"cb-data\">").dropFirst()
        #expect(blocks.count >= 8)
        for block in blocks {
            let json = try #require(block.components(separatedBy: "</script>").first)
            let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(data["lang"] as? String == "en-GB")
            for series in try #require(data["series"] as? [[String: Any]]) {
                let days = try #require(series["days"] as? [Int]), values = try #require(series["values"] as? [Double])
                #expect(days.count == values.count && days.count <= ChartFigure.readingPoints + 1)
                #expect(days == days.sorted())
                #expect(days.last.map { $0 <= Day(iso: "2025-05-24")!.ordinal } == true, "nothing after the as-of date")
            }
        }
        // Each time chart's SVG marks its plot for the script, in both layouts.
        #expect(html.components(separatedBy: "class=\"cb-hit\"").count - 1 >= 2 * 8)
        let script = try sample.read("Output/chart.js")
        #expect(script.contains("pointermove") && script.contains("keydown") && !script.contains("fetch("))
    }
}
