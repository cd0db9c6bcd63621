import ChartbookCharts
import ChartbookCore
import ChartbookData
import Foundation

/// Renders one chart spec file to SVG outside any page, for `chartbook chart`, other tools and benchmarks.
public struct StandaloneChart: Sendable {
    public let project: Project

    public init(project: Project) { self.project = project }

    /// Loads the catalog's data once; reuse the result to render many charts.
    public func loadData() throws(SourceError) -> DataStore {
        var context = BuildContext(project: project)
        try SiteBuilder.loadData(&context)
        guard let store = context.store else { throw SourceError(SourceLocation(file: "Data/catalog.yaml"), "no data loaded") }
        return store
    }

    /// Renders the spec in `specText` (from `file`) as of `asOf` (default: today's data, i.e. no cut).
    public func render(specText: String, file: String, store: DataStore, asOf: Day?, language: EditionLanguage, theme: ChartTheme) throws(SourceError) -> String {
        let spec = try ChartSpec(yaml: specText, file: file, lineOffset: 0)
        let day = asOf ?? Day(ordinal: Int(Int32.max))
        let (chart, _) = try ChartBuilder(store: store, asOf: day, language: language).build(spec, id: "chart")
        return ChartRenderer(theme: theme).render(chart)
    }
}
