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
        try project.loadData(try project.loadCatalog().catalog)
    }

    /// Renders the spec in `specText` (from `file`) as of `asOf` (default: today's data, i.e. no cut).
    public func render(specText: String, file: String, store: DataStore, asOf: Day?, language: EditionLanguage, theme: ChartTheme) throws(SourceError) -> String {
        let spec = try ChartSpec(yaml: specText, file: file, lineOffset: 0)
        let (chart, _) = try ChartBuilder(data: asOf.map { store.asOf($0) } ?? store.latest, language: language).build(spec, id: "chart")
        // Thinned as the build thins it, so this SVG is the one the page carries.
        return ChartRenderer(theme: theme).render(chart.thinnedForDrawing())
    }
}
