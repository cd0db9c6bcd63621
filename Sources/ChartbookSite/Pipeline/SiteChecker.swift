import ChartbookCore
import ChartbookData
import Foundation

/// `chartbook check`: everything the build would refuse, and the warnings it would not, reported
/// all at once: data that does not parse, suspicious values, stale data for an issue, template and
/// chart-spec mistakes.
public struct SiteChecker: Sendable {
    public let project: Project

    public init(project: Project) { self.project = project }

    public func run() -> [Diagnostic] {
        let problems = ProblemSink(mode: .collect)
        var context = BuildContext(project: project)
        func attempt(_ step: (inout BuildContext) throws(SourceError) -> Void) -> Bool {
            do { try step(&context); return true } catch { try? problems.error(error); return false }
        }
        _ = attempt(SiteBuilder.loadConfig)
        // Data: every file, every bad row.
        do {
            let catalog = try project.loadCatalog().catalog
            let store = try project.loadData(catalog, problems: problems)
            context.store = store
            for info in catalog.series where info.expression == nil {
                if let series = store.series(info.id) {
                    for d in SeriesChecks.outliers(series, file: "Data/" + info.file) { problems.warning(d.location, d.message) }
                }
            }
        } catch {
            try? problems.error(error)
        }
        guard attempt(SiteBuilder.loadTemplates), attempt(SiteBuilder.loadIssues),
              let store = context.store, let templates = context.templates, let config = context.config else {
            return problems.diagnostics
        }
        // Each issue renders on its own, so one broken issue does not hide another's problems.
        var renderer = IssueRenderer(store: store, templates: templates, config: config)
        renderer.tags = context.tags
        for warning in context.tags.warnings { problems.warning(warning.location, warning.message) }
        for issue in context.issues + context.pages {
            do {
                let rendered = try renderer.render(issue)
                for claim in rendered.falseClaims { problems.warning(claim.location, claim.message) }
                for note in try RevisionCheck.notes(issue, rendered: rendered, renderer: renderer, vintages: store.vintages) {
                    problems.note(note.location, note.message)
                }
                for id in try renderer.seriesUsed(issue).sorted() {
                    guard let info = store.info(id), let series = store.series(id) else { continue }
                    if let d = SeriesChecks.staleness(info, series, asOf: issue.frontMatter.asOf, issue: issue.source.display) {
                        problems.warning(d.location, d.message)
                    }
                }
            } catch {
                try? problems.error(error)
            }
        }
        // The whole site in memory, to find links and images that point at nothing.
        if problems.errorCount == 0, let built = try? SiteBuilder(project: project, rasterize: false).render() {
            for d in LinkChecker.check(built.sink.files, rootPath: built.config?.rootPath ?? "/") { try? problems.error(SourceError(d.location, d.message)) }
        }
        return problems.diagnostics
    }
}
