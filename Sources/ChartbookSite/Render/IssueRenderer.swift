import ChartbookCharts
import Foundation
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
    /// The site's tag slugs (an issue page links its tags' pages).
    var tags = TagDirectory(issues: [])
    /// The languages with a home page (for the language switch).
    var languages: [EditionLanguage] = []
    /// Whole series as CSV rows, shared by every issue this renderer renders.
    let csvRows = ChartCSVRows()

    /// Evaluates every `{{#assert…}}` the issue's templates make, as of the issue's date.
    func falseClaims(_ issue: Issue, source: TemplateSource) -> [Diagnostic] {
        let format = LocaleFormatter(language: .en)
        var found: [Diagnostic] = []
        for claim in templates.claims(source) {
            let data = store.asOf(issue.frontMatter.asOf, knownOn: issue.frontMatter.corrected)
            guard let info = data.info(claim.series), let facts = data.facts(claim.series) else { continue }
            let (holds, evidence) = claim.claim.evaluate(facts, info: info, format: format)
            if !holds {
                found.append(Diagnostic(.warning, claim.location,
                                        "claim '\(claim.series).\(claim.text)' in \(issue.source.display) is false as of \(issue.frontMatter.asOf): \(evidence)"))
            }
        }
        return found
    }

    /// Figures quoted as current whose latest observation is older than the series' own rhythm
    /// allows at the as-of date (a daily series weeks old, a monthly one past its next release): a
    /// warning at the tag, unless the same line also gives the figure's date or month (`….last.date`,
    /// `….last.month`), which marks the sentence as dated.
    func staleFacts(_ source: TemplateSource, issue: Issue, data: DataAsOf) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for template in templates.closure(of: source) {
            let tags = (try? TemplateScanner.cachedTags(in: template.text, file: template.display)) ?? []
            var datedLines = Set<Int?>()
            for tag in tags where tag.name.hasSuffix(".last.date") || tag.name.hasSuffix(".last.month") || tag.name.hasSuffix(".last.year") {
                datedLines.insert(tag.location.line)
            }
            for tag in tags where tag.kind == .variable && tag.name.hasPrefix("series.") && tag.name.hasSuffix(".last") && !datedLines.contains(tag.location.line) {
                let id = String(tag.name.dropFirst("series.".count).dropLast(".last".count))
                guard let facts = data.facts(id), let age = SeriesChecks.overdue(facts) else { continue }
                found.append(Diagnostic(.warning, tag.location,
                                        "'\(id)' is quoted as current in \(issue.source.display) but its latest value is from \(age.last), \(age.days) days before the as-of date \(data.day), more than its usual \(age.limit); give its date ({{series.\(id).last.date}}) or use fresher data"))
            }
        }
        return found
    }

    /// Statements of chart specs and claims blocks that the data as of the issue do not bear out.
    func falseStatements(_ statements: [Statement], issue: Issue, data: DataAsOf) -> [Diagnostic] {
        let format = LocaleFormatter(language: .en)
        return statements.compactMap { statement in
            let (text, holds, evidence) = statement.evaluate(data, format: format)
            return holds ? nil : Diagnostic(.warning, statement.location,
                                            "statement '\(text)' in \(issue.source.display) is false as of \(issue.frontMatter.asOf): \(evidence)")
        }
    }

    /// The issue's ```` ```claims ```` blocks (its own and its partials'), keyed by content, checked against the catalog.
    func statementBlocks(_ issue: Issue, source: TemplateSource) throws(SourceError) -> [String: [Statement]] {
        var blocks: [String: [Statement]] = [:]
        for template in templates.closure(of: source) where template.name == source.name || template.isPartial {
            for (key, list) in try ChartFences.statements(in: template.text, file: template.display) { blocks[key] = list }
        }
        for list in blocks.values { for statement in list { try statement.check(against: store.catalog) } }
        return blocks
    }

    func source(of issue: Issue) -> TemplateSource {
        TemplateSource(name: "issues/" + issue.source.stem, display: issue.source.display, text: issue.body)
    }

    /// Templates, then Markdown with charts, for one issue; no layout yet. `knownOn` overrides the
    /// day whose data versions the issue sees (for `check`, which compares with today's versions).
    func render(_ issue: Issue, knownOn: Day? = nil) throws(SourceError) -> RenderedIssue {
        // An issue carried over unread from the cache reads its file now; a failure is this issue's error.
        _ = try issue.loadBody()
        let matter = issue.frontMatter
        let language = matter.language
        let format = LocaleFormatter(language: language)
        let source = source(of: issue)
        try templates.check(source, catalog: store.catalog)
        let specs = try chartSpecs(issue, source: source)
        let claimBlocks = try statementBlocks(issue, source: source)
        var statements: [Statement] = []

        let template = try CondensedTemplate(source)
        let figures = InlineFigures()
        let misses = LookupMisses()
        // Everything this issue says comes from the data as it stood on its as-of date, in the
        // versions known then (or on the day of its correction).
        let data = store.asOf(matter.asOf, knownOn: knownOn ?? matter.corrected)
        let context = IssueScope(values: [
            "series": SeriesDirectory(data: data, format: format, figures: figures, misses: misses),
            "assert": AssertDirectory(data: data, format: format),
            "issue": NamedValues(path: "issue", values: ["title": Escape.markdown(matter.title), "date": format.date(matter.date),
                                                         "as_of": format.date(matter.asOf)], misses: misses),
            // Marks a number typed in prose as a year of history, on purpose: `{{#year}}1985{{/year}}`.
            "year": MustacheLambda { (text: String) -> Any? in text },
            // Literal braces in prose or code: `{{lb}}series.x.last{{rb}}` shows {{series.x.last}}.
            "lb": "{{", "rb": "}}",
        ], misses: misses)
        let markdown = template.render(context, library: templates.library)
        if let error = misses.firstError(in: templates.closure(of: source)) { throw error }

        let builder = ChartBuilder(data: data, language: language)
        var charts: [RenderedChart] = []
        var files: [OutputFile] = []
        let rendered = try Markdown.render(markdown, options: MarkdownOptions(allowRawHTML: config.rawHTML)) { (block: FencedBlock) throws(SourceError) -> String? in
            if block.info == "claims" {
                // What the title and summary state: checked below, shown nowhere.
                if let known = claimBlocks[block.literal] {
                    statements += known
                } else {
                    statements += try Statement.block(block.literal, file: issue.source.display, lineOffset: block.line)
                }
                return ""
            }
            guard block.info == "chart" else { return nil }
            let spec: ChartSpec
            if let known = specs[block.literal] { spec = known } else {
                spec = try ChartSpec(yaml: block.literal, file: issue.source.display, lineOffset: block.line)
            }
            let number = charts.count + 1
            statements += spec.claims
            let (chart, infos) = try builder.build(spec, id: "chart-\(number)")
            let csvName = "chart-\(number).csv"
            // Each series' summary feeds the SVG's description and the data table: worked out once.
            let summaries = ChartDescription.summaries(chart)
            let description = ChartDescription.describe(chart, summaries: summaries)
            // Every layout draws from one thinned copy; the figure's table and reading data use all the data.
            let drawn = chart.thinnedForDrawing()
            let svg = ChartRenderer().render(drawn, description: description)
            let phone = ChartRenderer().render(drawn, description: description, format: .phone)
            let rendered = RenderedChart(number: number, title: chart.title, description: description, svg: svg,
                                         webFigure: ChartFigure.html(chart: chart, svg: svg, phoneSVG: phone, infos: infos, csv: csvName,
                                                                     format: format, summaries: summaries),
                                         width: chart.width, height: chart.height, chart: drawn)
            charts.append(rendered)
            files.append(OutputFile(path: issue.outputPath + "/" + csvName, contents: ChartData.csv(chart, infos: infos, rows: csvRows, store: store)))
            files.append(OutputFile(path: issue.outputPath + "/" + rendered.svgName, contents: svg))
            // A block-level placeholder: libcmark writes custom blocks verbatim.
            return RenderedIssue.placeholder(number) + "\n"
        }
        var body = rendered.html
        if let corrected = matter.corrected {
            let when = format.date(corrected)
            let note = Words.of(language).correction(when)
            body = "<p class=\"correction\" role=\"note\">\(Escape.html(note))</p>\n" + body
        }
        return RenderedIssue(issue: issue, body: body, inlineFigures: figures, charts: charts, headings: rendered.headings,
                             falseClaims: falseClaims(issue, source: source) + falseStatements(statements, issue: issue, data: data)
                                 + staleFacts(source, issue: issue, data: data), files: files)
    }

    /// The web page of a rendered issue, in the `issue` layout.
    func page(_ rendered: RenderedIssue, editions: [Issue], ogImage: String?) throws(SourceError) -> OutputFile {
        let issue = rendered.issue
        let matter = issue.frontMatter
        let language = matter.language
        let format = LocaleFormatter(language: language)
        let sections = rendered.headings.filter { $0.level == 2 }
        var page = LayoutVariables.common(config, language: language, root: issue.kind == .issue ? "../../" : "../", title: matter.title,
                                          canonical: config.absoluteURL(issue.outputPath + "/"), languages: languages)
        page.merge([
            "date": format.date(matter.date), "iso_date": matter.date.description,
            "as_of": format.date(matter.asOf), "summary": matter.summary, "tags": matter.tags.map { ["name": $0, "slug": tags.slug($0)] },
            "has_tags": !matter.tags.isEmpty, "content": IssueRenderer.contentMarker,
            "headings": sections.map { ["id": $0.id, "text": $0.text] }, "has_headings": !sections.isEmpty,
            "editions": editions.map { e -> [String: Any] in
                ["lang": e.frontMatter.language.htmlTag, "url": relative(from: issue, to: e), "absolute_url": config.absoluteURL(e.outputPath + "/"),
                 "name": Words.of(e.frontMatter.language).languageName,
                 "current": e.source.stem == issue.source.stem]
            },
            "has_editions": editions.count > 1,
            "og_image": ogImage ?? "", "has_og_image": ogImage != nil,
            "og_locale": language == .zh ? "zh_CN" : "en_GB",
            "og_type": issue.kind == .issue ? "article" : "website",
            "has_email": issue.kind == .issue && ogImage != nil,
        ]) { _, new in new }
        try SiteBuilder.requireLayout("issue", templates)
        let layout = Array(templates.render("issue", context: page).utf8)
        // The article (hundreds of kilobytes with its charts) goes in where the layout put the
        // marker, as bytes: the template engine never copies it, nor checks its UTF-8 again.
        let marker = Array(IssueRenderer.contentMarker.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(layout.count + rendered.body.utf8.count * 2)
        var copied = 0, i = 0
        while i + marker.count <= layout.count {
            guard layout[i] == marker[0], layout[i..<(i + marker.count)].elementsEqual(marker) else { i += 1; continue }
            out.append(contentsOf: layout[copied..<i])
            rendered.appendWebHTML(to: &out)
            i += marker.count
            copied = i
        }
        out.append(contentsOf: layout[copied...])
        return OutputFile(path: issue.outputPath + "/index.html", data: Data(out))
    }

    /// Stands for the article in the layout's `{{{content}}}`; private-use characters, which
    /// neither Mustache nor HTML escaping changes, so `{{content}}` works the same.
    static let contentMarker = "\u{E004}content\u{E005}"
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
