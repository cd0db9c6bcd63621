import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown
import Mustache

/// Renders one issue or page: Mustache (facts as of the issue's date) → libcmark (charts swapped
/// in) → layout; plus one CSV of each chart's data beside the page.
struct IssueRenderer {
    let store: DataStore
    let templates: TemplateSet
    let config: SiteConfig

    struct Result {
        var files: [OutputFile]
        var charts: Int
        /// Claims in the issue's templates that the data does not support as of its date.
        var falseClaims: [Diagnostic]
    }

    /// Evaluates every `{{#assert…}}` the issue's templates make, as of the issue's date.
    func falseClaims(_ issue: Issue, source: TemplateSource) -> [Diagnostic] {
        let format = LocaleFormatter(language: .en)
        var found: [Diagnostic] = []
        for claim in templates.claims(source) {
            guard let info = store.info(claim.series), let facts = store.facts(claim.series, asOf: issue.frontMatter.asOf) else { continue }
            let (holds, evidence) = claim.claim.evaluate(facts, info: info, format: format)
            if !holds {
                found.append(Diagnostic(.warning, claim.location,
                                        "claim '\(claim.series).\(claim.text)' in \(issue.source.display) is false as of \(issue.frontMatter.asOf): \(evidence)"))
            }
        }
        return found
    }

    func render(_ issue: Issue, editions: [Issue] = []) throws(SourceError) -> Result {
        let matter = issue.frontMatter
        let language = matter.language
        let format = LocaleFormatter(language: language)
        let source = TemplateSource(name: "issues/" + issue.source.stem, display: issue.source.display, text: issue.body)
        try templates.check(source, catalog: store.catalog)

        let specs = try chartSpecs(issue, source: source)

        let template = try TemplateSet.compile(source)
        let figures = InlineFigures()
        let context: [String: Any] = [
            "series": SeriesDirectory(store: store, asOf: matter.asOf, format: format, figures: figures),
            "assert": AssertDirectory(store: store, asOf: matter.asOf, format: format),
            "issue": ["title": matter.title, "date": format.date(matter.date), "as_of": format.date(matter.asOf)],
            // Marks a number typed in prose as a year of history, on purpose: `{{#year}}1985{{/year}}`.
            "year": MustacheLambda { (text: String) -> Any? in text },
        ]
        let markdown = template.render(context, library: templates.library)

        let builder = ChartBuilder(store: store, asOf: matter.asOf, language: language)
        var files: [OutputFile] = []
        let rendered = try Markdown.render(markdown, options: MarkdownOptions(allowRawHTML: config.rawHTML)) { (block: FencedBlock) throws(SourceError) -> String? in
            guard block.info == "chart" else { return nil }
            let spec: ChartSpec
            if let known = specs[block.literal] { spec = known } else {
                spec = try ChartSpec(yaml: block.literal, file: issue.source.display, lineOffset: block.line)
            }
            let number = files.count + 1
            let (chart, infos) = try builder.build(spec, id: "chart-\(number)")
            let csvName = "chart-\(number).csv"
            files.append(OutputFile(path: issue.outputPath + "/" + csvName, contents: ChartData.csv(chart, infos: infos)))
            return ChartFigure.html(chart: chart, infos: infos, csv: csvName, format: format)
        }

        let sections = rendered.headings.filter { $0.level == 2 }
        let page: [String: Any] = [
            "site_title": config.title.text(language), "lang": language.htmlTag, "root": issue.kind == .issue ? "../../" : "../",
            "title": matter.title, "date": format.date(matter.date), "iso_date": matter.date.description,
            "as_of": format.date(matter.asOf), "summary": matter.summary, "tags": matter.tags,
            "has_tags": !matter.tags.isEmpty, "content": figures.restore(rendered.html),
            "headings": sections.map { ["id": $0.id, "text": $0.text] }, "has_headings": !sections.isEmpty,
            "labels": PageLabels.labels(language),
            "editions": editions.map { e -> [String: Any] in
                ["lang": e.frontMatter.language.htmlTag, "url": relative(from: issue, to: e), "absolute_url": config.absoluteURL(e.outputPath + "/"),
                 "name": PageLabels.languageName(e.frontMatter.language),
                 "current": e.source.stem == issue.source.stem]
            },
            "has_editions": editions.count > 1,
        ]
        try SiteBuilder.requireLayout("issue", templates)
        files.append(OutputFile(path: issue.outputPath + "/index.html", contents: templates.render("issue", context: page)))
        return Result(files: files, charts: files.count - 1, falseClaims: falseClaims(issue, source: source))
    }
}

extension IssueRenderer {
    /// Chart specs in the issue and the partials it includes, parsed and checked where the author wrote them.
    func chartSpecs(_ issue: Issue, source: TemplateSource) throws(SourceError) -> [String: ChartSpec] {
        var specs: [String: ChartSpec] = [:]
        for template in templates.closure(of: source) where template.name == source.name || template.isPartial {
            for (key, spec) in try ChartFences.specs(in: template.text, file: template.display) { specs[key] = spec }
        }
        for spec in specs.values { try spec.check(against: store.catalog) }
        return specs
    }

    /// Every catalog series the issue uses, in prose or charts (inputs of expressions included).
    func seriesUsed(_ issue: Issue) throws(SourceError) -> Set<String> {
        let source = TemplateSource(name: "issues/" + issue.source.stem, display: issue.source.display, text: issue.body)
        var ids = templates.seriesReferences(source)
        for spec in try chartSpecs(issue, source: source).values {
            for ref in spec.series { ids.formUnion(ref.expression?.inputs ?? [ref.id]) }
        }
        // A derived series depends on its inputs' freshness too.
        for id in ids { if let e = store.info(id)?.expression { ids.formUnion(e.inputs) } }
        return ids
    }
}

extension IssueRenderer {
    /// The link from one page to another edition, relative so the site works from any folder.
    func relative(from issue: Issue, to other: Issue) -> String {
        (issue.kind == .issue ? "../../" : "../") + other.outputPath + "/"
    }
}

/// Fixed words of the page chrome in each language.
enum PageLabels {
    /// A language's name in itself, for edition switchers.
    static func languageName(_ language: EditionLanguage) -> String { language == .zh ? "中文" : "English" }

    static func labels(_ language: EditionLanguage) -> [String: String] {
        switch language {
        case .zh: return ["as_of": "数据截至", "contents": "目录", "home": "首页", "data": "查看数据", "series": "序列", "latest": "最新值",
                          "date": "日期", "source": "来源", "first": "起始值", "high": "最高", "low": "最低", "csv": "下载数据（CSV）"]
        case .en: return ["as_of": "Data as of", "contents": "Contents", "home": "Home", "data": "Show the data", "series": "Series", "latest": "Latest",
                          "date": "Date", "source": "Source", "first": "First", "high": "High", "low": "Low", "csv": "Download the data (CSV)"]
        }
    }
}
