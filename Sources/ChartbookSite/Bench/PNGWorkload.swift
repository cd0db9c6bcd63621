import ChartbookCore
import Foundation

/// The charts a build of a project would draw as PNG (each issue's charts in their email layout),
/// so `bench --only png` times exactly what the build rasterizes.
public enum PNGWorkload {
    public struct Item: Sendable {
        public var issue: String
        public var svg: String
        public var width: Double
        public var height: Double
        /// Whether the email shows this chart as a picture (a table of numbers goes as text).
        public var inEmail = true
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
            for chart in try renderer.render(issue).charts {
                let size = chart.pngLayout
                var item = Item(issue: issue.source.stem, svg: chart.pngSVG(), width: size.width, height: size.height)
                if case .numbers = chart.chart.layout { item.inEmail = false }
                items.append(item)
            }
        }
        return items
    }
}
