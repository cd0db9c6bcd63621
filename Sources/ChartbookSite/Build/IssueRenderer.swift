import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown

/// Renders one issue: Mustache (facts as of the issue's date) → libcmark (charts swapped in) → layout.
struct IssueRenderer {
    let store: DataStore
    let templates: TemplateSet
    let config: SiteConfig

    func render(_ issue: Issue) throws(SourceError) -> (String, Int) {
        let matter = issue.frontMatter
        let language = matter.language
        let format = LocaleFormatter(language: language)
        let source = TemplateSource(name: "issues/" + issue.source.stem, display: issue.source.display, text: issue.body)
        try templates.check(source, catalog: store.catalog)

        // Chart specs in the issue and every partial, parsed and checked where the author wrote them.
        var specs = try ChartFences.specs(in: issue.body, file: issue.source.display)
        for partial in templates.sources.values where partial.isPartial {
            for (key, spec) in try ChartFences.specs(in: partial.text, file: partial.display) { specs[key] = spec }
        }
        for spec in specs.values { try spec.check(against: store.catalog) }

        let template = try TemplateSet.compile(source)
        let context: [String: Any] = [
            "series": SeriesDirectory(store: store, asOf: matter.asOf, format: format),
            "issue": ["title": matter.title, "date": format.date(matter.date), "as_of": format.date(matter.asOf)],
        ]
        let markdown = template.render(context, library: templates.library)

        let builder = ChartBuilder(store: store, asOf: matter.asOf, language: language)
        var chartNumber = 0
        let rendered = try Markdown.render(markdown, options: MarkdownOptions(allowRawHTML: config.rawHTML)) { (block: FencedBlock) throws(SourceError) -> String? in
            guard block.info == "chart" else { return nil }
            chartNumber += 1
            let spec: ChartSpec
            if let known = specs[block.literal] { spec = known } else {
                spec = try ChartSpec(yaml: block.literal, file: issue.source.display, lineOffset: block.line)
            }
            let (chart, infos) = try builder.build(spec, id: "chart-\(chartNumber)")
            return ChartFigure.html(chart: chart, infos: infos, asOf: matter.asOf, store: store, format: format)
        }

        let sections = rendered.headings.filter { $0.level == 2 }
        let page: [String: Any] = [
            "site_title": config.title.text(language), "lang": language.htmlTag, "root": "../../",
            "title": matter.title, "date": format.date(matter.date), "iso_date": matter.date.description,
            "as_of": format.date(matter.asOf), "summary": matter.summary, "tags": matter.tags,
            "has_tags": !matter.tags.isEmpty, "content": rendered.html,
            "headings": sections.map { ["id": $0.id, "text": $0.text] }, "has_headings": !sections.isEmpty,
            "labels": PageLabels.labels(language),
        ]
        try SiteBuilder.requireLayout("issue", templates, Project(root: .init(fileURLWithPath: "/")))
        return (templates.render("issue", context: page), chartNumber)
    }
}

/// Fixed words of the page chrome in each language.
enum PageLabels {
    static func labels(_ language: EditionLanguage) -> [String: String] {
        switch language {
        case .zh: return ["as_of": "数据截至", "contents": "目录", "home": "首页", "data": "查看数据", "series": "序列", "latest": "最新值", "date": "日期", "source": "来源"]
        case .en: return ["as_of": "Data as of", "contents": "Contents", "home": "Home", "data": "Show the data", "series": "Series", "latest": "Latest", "date": "Date", "source": "Source"]
        }
    }
}
