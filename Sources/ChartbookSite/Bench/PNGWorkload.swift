import ChartbookCore
import Foundation

/// The PNGs a build of a project would draw (each issue's social card, the lead chart framed, with
/// the lead's picture cut from it; then its other charts' pictures of their plots), so
/// `bench --only png` times exactly what the build rasterizes.
public enum PNGWorkload {
    public struct Item: Sendable {
        public var issue: String
        public var svg: String
        public var width: Double
        public var height: Double
        /// The issue's social card rather than one of its charts.
        public var isCard = false
        /// Bands cut from the same drawing (the lead chart's picture, from its card).
        public var crops: [(top: Double, height: Double)] = []
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
            guard let lead = charts.first else { continue }
            let size = lead.cardLayout
            items.append(Item(issue: issue.source.stem, svg: lead.cardSVG(), width: size.width, height: size.height,
                              isCard: true, crops: lead.isPicture ? [lead.plotInCard] : []))
            for chart in charts.dropFirst() where chart.isPicture {
                let size = chart.pngLayout
                items.append(Item(issue: issue.source.stem, svg: chart.pngSVG(), width: size.width, height: size.height))
            }
        }
        return items
    }
}
