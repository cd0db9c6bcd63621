import ChartbookCore
import Foundation

/// The PNGs a build of a project would draw (each issue's charts as email pictures of their plots,
/// and its social card: the lead chart framed), so `bench --only png` times exactly what the build rasterizes.
public enum PNGWorkload {
    public struct Item: Sendable {
        public var issue: String
        public var svg: String
        public var width: Double
        public var height: Double
        /// Whether the email shows this chart as a picture (a table of numbers goes as text; the card is not in it).
        public var inEmail = true
        /// The issue's social card rather than one of its charts.
        public var isCard = false
    }

    public static func items(project: Project) throws(SourceError) -> [Item] {
        var context = BuildContext(project: project)
        try SiteBuilder.loadConfig(&context)
        try SiteBuilder.loadData(&context)
        try SiteBuilder.loadTemplates(&context)
        try SiteBuilder.loadIssues(&context)
        guard let store = context.store, let templates = context.templates, let config = context.config else { return [] }
        let renderer = IssueRenderer(store: store, templates: templates, config: config)
        var items: [Item] = []
        for issue in context.issues {
            let charts = try renderer.render(issue).charts
            if let lead = charts.first {
                let size = lead.cardLayout
                items.append(Item(issue: issue.source.stem, svg: lead.cardSVG(), width: size.width, height: size.height, inEmail: false, isCard: true))
            }
            for chart in charts {
                let size = chart.pngLayout
                var item = Item(issue: issue.source.stem, svg: chart.pngSVG(), width: size.width, height: size.height)
                if case .numbers = chart.chart.layout { item.inEmail = false }
                items.append(item)
            }
        }
        return items
    }
}
