import ChartbookCharts
import ChartbookCore
import ChartbookMarkdown
import Foundation

/// The per-issue pipeline (article, images, page, email), then the site-wide pages built from the
/// issues' summaries: 404, index, tag pages, feeds, sitemap.
extension SiteBuilder {
    /// Renders and writes every issue and page, both cores at once; results are taken in order so
    /// the output and the first error reported do not depend on scheduling.
    static func publishIssues(_ context: inout BuildContext) throws(SourceError) {
        guard let store = context.store, let templates = context.templates, let config = context.config else { return }
        var configured = IssueRenderer(store: store, templates: templates, config: config)
        configured.tags = context.tags
        configured.languages = context.languages
        let renderer = configured
        let all = context.issues + context.pages + context.drafts
        let drafts = Set(context.drafts.map(\.source.stem))
        let newest = Set(context.issues.prefix(Feeds.limit).map(\.source.stem))
        let byKey = Dictionary(grouping: all.filter { $0.frontMatter.translationKey != nil }, by: { $0.frontMatter.translationKey! })
        // An issue's editions: those sharing its translation key, or just itself.
        // A draft links its published editions; no published issue links a draft.
        let editions: @Sendable (Issue) -> [Issue] = { issue in
            let published = issue.frontMatter.translationKey.flatMap { byKey[$0]?.filter { !drafts.contains($0.source.stem) } } ?? []
            return drafts.contains(issue.source.stem) || published.isEmpty ? (published + [issue]).sorted { $0.source.stem < $1.source.stem } : published
        }
        let incremental = context.incremental
        incremental?.startIssues(templates: templates, options: ["png:\(context.rasterizer != nil)", "strict:\(context.strict)"])
        incremental?.reserve(context.sink)
        let snapshot = context
        let results = ConcurrentResults<(IssueSummary, record: PageRecord?, reused: Bool)>(count: all.count)
        let counter = BuildProgress.Counter(total: all.count, report: context.itemProgress)
        DispatchQueue.concurrentPerform(iterations: all.count) { i in
            defer { counter.finished(charts: results.get(i).flatMap { try? $0.get().0.charts } ?? 0) }
            let issue = all[i]
            let isDraft = drafts.contains(issue.source.stem)
            let keepFeed = newest.contains(issue.source.stem) && issue.kind == .issue && !isDraft
            var key: (key: String, scan: PageRecord.Scan)?
            switch incremental?.decide(issue, editions: editions(issue), templates: templates, store: store, options: ["feed:\(keepFeed)", "draft:\(isDraft)"], sink: snapshot.sink) {
            case .carried(let record, let summary)?: results.set(i, .success((summary, record, true))); return
            case .render(let k, let scan)?: key = (k, scan)
            case nil: break
            }
            do throws(SourceError) {
                let (summary, files) = try publish(issue, editions: editions(issue), renderer: renderer, config: config, context: snapshot,
                                                   keepFeed: keepFeed, draft: isDraft)
                results.set(i, .success((summary, key.flatMap { incremental?.record(summary, key: $0.key, scan: $0.scan, files: files) }, false)))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var records: [String: PageRecord] = [:]
        var carried = 0
        for i in all.indices {
            guard let result = results.get(i) else { continue }
            let (summary, record, reused) = try result.get()
            // Drafts are rendered, but nothing site-wide (index, tags, feeds, sitemap) ever lists them.
            if !drafts.contains(summary.issue.source.stem) { context.summaries.append(summary) }
            context.chartCount += summary.charts
            context.warnings += summary.warnings
            if let record { records[summary.issue.source.stem] = record }
            if reused { carried += 1 }
        }
        incremental?.finishIssues(records, carried: carried, summaries: context.summaries)
    }

    /// One issue from template to files: charts (SVG, CSV, PNG), page, email.
    static func publish(_ issue: Issue, editions: [Issue], renderer: IssueRenderer, config: SiteConfig, context: BuildContext,
                        keepFeed: Bool, draft: Bool = false) throws(SourceError) -> (IssueSummary, [String]) {
        var rendered = try renderer.render(issue)
        if draft {
            let words = Words.of(issue.frontMatter.language)
            let when = issue.frontMatter.publishAt.map { words.scheduled(FrontMatter.iso($0)) } ?? words.draft
            rendered.body = "<p class=\"draft-banner\" role=\"note\">\(Escape.html(when))</p>\n" + rendered.body
        }
        var warnings = rendered.falseClaims
        var written: [String] = []
        func write(_ file: OutputFile) throws(SourceError) {
            try context.sink.write(file)
            written.append(file.path)
        }
        for file in rendered.files { try write(file) }
        let images = issue.kind == .issue && !draft ? context.rasterizer : nil
        // Each picture's PNG, drawn once for its file and the email's inline parts; a table of numbers
        // goes as text (`NumberTableHTML`), so it has none.
        var pngs: [(name: String, data: Data)] = []
        var og: String? = nil
        if let rasterizer = images, let lead = rendered.charts.first {
            // The social card is the lead chart drawn whole, since a card is seen away from the page;
            // the lead's own picture is cut from the same drawing.
            let drawn = try png(svg: lead.cardSVG(), size: lead.cardLayout, crops: lead.isPicture ? [lead.plotInCard] : [],
                                name: RenderedChart.cardName, rasterizer: rasterizer, cache: context.cache, issue: issue)
            try write(OutputFile(path: issue.outputPath + "/" + RenderedChart.cardName, data: drawn[0]))
            og = config.absoluteURL(issue.outputPath + "/" + RenderedChart.cardName)
            if lead.isPicture { pngs.append((lead.pngName, drawn[1])) }
            for chart in rendered.charts.dropFirst() where chart.isPicture {
                pngs.append((chart.pngName, try png(chart, rasterizer: rasterizer, cache: context.cache, issue: issue)))
            }
            for (name, data) in pngs { try write(OutputFile(path: issue.outputPath + "/" + name, data: data)) }
        }
        try write(try renderer.page(rendered, editions: editions, ogImage: og))
        if images != nil {
            let email = EmailEdition(config: config, rendered: rendered)
            let html = email.html()
            if html.utf8.count > EmailEdition.clipLimit {
                warnings.append(Diagnostic(.warning, SourceLocation(file: issue.source.display),
                                           "the email edition is \(html.utf8.count) bytes; Gmail clips messages over about \(EmailEdition.clipLimit)"))
            }
            try write(OutputFile(path: issue.outputPath + "/email.html", contents: html))
            let text = email.text()
            try write(OutputFile(path: issue.outputPath + "/email.txt", contents: text))
            // The whole message, charts attached, for sending with any tool (`chartbook send` makes one per recipient).
            // Only the pictures the message shows (`pngs` holds pictures only; a table of numbers goes as text).
            let message = EmailMessage.forIssue(issue, config: config, html: html, text: text, images: pngs)
            try write(OutputFile(path: issue.outputPath + "/email.eml", data: message.data(to: nil, date: EmailMessage.date(issue.frontMatter.date.secondsSince1970))))
        }
        let lead = rendered.charts.first.map { IssueSummary.Lead(svgName: $0.svgName, title: $0.title, width: $0.width, height: $0.height) }
        let summary = IssueSummary(issue: issue, lead: lead, charts: rendered.charts.count, warnings: warnings,
                                   feedHTML: keepFeed ? rendered.imageHTML(baseURL: config.absoluteURL, png: images != nil) : nil)
        return (summary, written)
    }

    /// A chart's 2× PNG in its email layout, from the cache when this exact SVG was drawn before.
    static func png(_ chart: RenderedChart, rasterizer: Rasterizer, cache: BuildCache?, issue: Issue) throws(SourceError) -> Data {
        try png(svg: chart.pngSVG(), size: chart.pngLayout, name: chart.pngName, rasterizer: rasterizer, cache: cache, issue: issue)[0]
    }

    /// `svg` drawn at 2× as `name`, then the bands of it in `crops`; each from the cache when this
    /// exact SVG and band were drawn before.
    static func png(svg: String, size: (width: Double, height: Double), crops: [(top: Double, height: Double)] = [], name: String,
                    rasterizer: Rasterizer, cache: BuildCache?, issue: Issue) throws(SourceError) -> [Data] {
        // The keys name the drawing code too: PNGs drawn by other code before are not reused.
        let keys = ([nil] + crops.map { Optional($0) }).map { crop in
            BuildCache.key(["png-2x-chartpainter3-palette\(PNGEncoder.paletteLimit)-level\(PNGEncoder.defaultLevel)", "\(size.width)x\(size.height)",
                            crop.map { "rows \($0.top)+\($0.height)" } ?? "whole", svg])
        }
        let hits = keys.map { cache?.get($0, ext: "png") }
        if hits.allSatisfy({ $0 != nil }) { return hits.compactMap { $0 } }
        do {
            let drawn = try rasterizer.pngs(svg, width: size.width, height: size.height, crops: crops)
            for (key, png) in zip(keys, drawn) { cache?.set(key, ext: "png", png) }
            return drawn
        } catch {
            throw SourceError(SourceLocation(file: issue.source.display), "cannot draw \(name) as PNG: \(error)")
        }
    }

    /// A 404 page at the root, for hosts (GitHub Pages) that serve it for missing paths.
    static func writeNotFound(_ context: BuildContext) throws(SourceError) -> [OutputFile] {
        guard let templates = context.templates, let config = context.config else { return [] }
        let language = config.language
        let page = LayoutVariables.common(config, language: language, root: config.rootPath, title: Words.of(language).notFound,
                                          canonical: config.absoluteURL("404.html"), languages: context.languages)
        try requireLayout("404", templates)
        return [OutputFile(path: "404.html", contents: templates.render("404", context: page))]
    }

    /// One index entry per issue in the site's language, newest first, with its lead chart.
    static func indexEntries(_ context: BuildContext, issues: [Issue], root: String, allLanguages: Bool = false,
                             language chosen: EditionLanguage? = nil) -> [[String: Any]] {
        guard let config = context.config else { return [] }
        let language = chosen ?? config.language
        let format = LocaleFormatter(language: language)
        var leads: [String: IssueSummary.Lead] = [:]
        for s in context.summaries { if let lead = s.lead { leads[s.issue.source.stem] = lead } }
        let otherLanguages = Dictionary(grouping: context.issues.filter { $0.frontMatter.language != language && $0.frontMatter.translationKey != nil },
                                        by: { $0.frontMatter.translationKey! })
        return issues.filter { allLanguages || $0.frontMatter.language == language }.map { issue in
            let others = issue.frontMatter.translationKey.flatMap { otherLanguages[$0] } ?? []
            var entry: [String: Any] = [
                "title": issue.frontMatter.title, "date": format.date(issue.frontMatter.date), "iso_date": issue.frontMatter.date.description,
                "summary": issue.frontMatter.summary, "url": root + issue.outputPath + "/", "lang": issue.frontMatter.language.htmlTag,
                "tags": issue.frontMatter.tags.map { ["name": $0, "url": root + "tags/" + context.tags.slug($0) + "/"] },
                "editions": others.map { ["url": root + $0.outputPath + "/", "lang": $0.frontMatter.language.htmlTag, "title": $0.frontMatter.title,
                                           "name": Words.of($0.frontMatter.language).languageName] },
            ]
            if let lead = leads[issue.source.stem] {
                entry["lead"] = ["src": root + issue.outputPath + "/" + lead.svgName, "alt": lead.title,
                                 "width": String(Int(lead.width)), "height": String(Int(lead.height))]
            }
            return entry
        }
    }

    static func renderIndex(_ context: BuildContext) throws(SourceError) -> [OutputFile] {
        guard let templates = context.templates, let config = context.config else { return [] }
        try requireLayout("index", templates)
        // A home page per language: the site's at the root, the others under `en/` …, each listing its own
        // language's issues (with links to their other editions).
        // Past `page_size` issues, the rest go on pages of their own: page/2/, page/3/ … (newest first).
        var files: [OutputFile] = []
        for language in context.languages {
            let home = LayoutVariables.home(of: language, config)
            let issues = context.issues.filter { $0.frontMatter.language == language }
            let pages = stride(from: 0, to: max(issues.count, 1), by: config.pageSize).map { Array(issues[$0..<min($0 + config.pageSize, issues.count)]) }
            for (n, chunk) in pages.enumerated() {
                let folder = n == 0 ? home : home + "page/\(n + 1)/"
                let root = String(repeating: "../", count: folder.split(separator: "/").count)
                let words = Words.of(language)
                var page = LayoutVariables.common(config, language: language, root: root,
                                                  title: config.title.text(language) + (n == 0 ? "" : " · " + words.page(n + 1)),
                                                  canonical: config.absoluteURL(folder), languages: context.languages)
                page["issues"] = indexEntries(context, issues: chunk, root: root, language: language)
                let link = { (k: Int) in root + (k == 0 ? home : home + "page/\(k + 1)/") + "index.html" }
                if n > 0 { page["newer"] = ["url": link(n - 1), "label": words.newer] }
                if n + 1 < pages.count { page["older"] = ["url": link(n + 1), "label": words.older] }
                files.append(OutputFile(path: folder + "index.html", contents: templates.render("index", context: page)))
            }
        }
        files += try searchPages(context)
        return files
    }

    /// Site search without a server: `search.json` (what readers search: title, summary, tags, date of
    /// every published issue) and a search page per language that `search.js` fills as they type.
    static func searchPages(_ context: BuildContext) throws(SourceError) -> [OutputFile] {
        guard let templates = context.templates, let config = context.config else { return [] }
        let format = { (l: EditionLanguage) in LocaleFormatter(language: l) }
        let entries = context.issues.map { issue -> String in
            let m = issue.frontMatter
            return "{\"title\":\(Escape.json(m.title)),\"summary\":\(Escape.json(m.summary)),\"tags\":[\(m.tags.map(Escape.json).joined(separator: ","))],"
                + "\"date\":\(Escape.json(format(m.language).date(m.date))),\"lang\":\(Escape.json(m.language.htmlTag)),\"url\":\(Escape.json(issue.outputPath + "/"))}"
        }
        let index = "[\n" + entries.joined(separator: ",\n") + "\n]"
        // The same index as a script, so search also works from file:// (where fetch() of a JSON file is refused).
        var files = [OutputFile(path: "search.json", contents: index + "\n"),
                     OutputFile(path: "search-index.js", contents: "window.CHARTBOOK_SEARCH = " + index + ";\n")]
        for language in context.languages {
            let home = LayoutVariables.home(of: language, config)
            let folder = home + "search/"
            let root = String(repeating: "../", count: folder.split(separator: "/").count)
            let words = Words.of(language)
            var page = LayoutVariables.common(config, language: language, root: root, title: words.search,
                                              canonical: config.absoluteURL(folder), languages: context.languages)
            page["heading"] = words.search
            page["search"] = ["root": root, "label": words.search]
            page["issues"] = [[String: Any]]()
            files.append(OutputFile(path: folder + "index.html", contents: templates.render("index", context: page)))
        }
        return files
    }

    /// `tags/<tag>/index.html`: the issues carrying each tag.
    static func writeTagPages(_ context: BuildContext) throws(SourceError) -> [OutputFile] {
        guard let templates = context.templates, let config = context.config else { return [] }
        let language = config.language
        // Every edition's tags get a page (an English issue links its own tags).
        var tags: [String: [Issue]] = [:]
        for issue in context.issues {
            for tag in issue.frontMatter.tags { tags[tag, default: []].append(issue) }
        }
        var files: [OutputFile] = []
        for (tag, issues) in tags.sorted(by: { $0.key < $1.key }) {
            let slug = context.tags.slug(tag)
            let title = Words.of(language).tagPrefix + tag
            var page = LayoutVariables.common(config, language: language, root: "../../", title: title,
                                              canonical: config.absoluteURL("tags/" + slug + "/"), description: "", languages: context.languages)
            page["heading"] = title
            page["issues"] = indexEntries(context, issues: issues, root: "../../", allLanguages: true)
            page["tag_feed"] = "atom.xml"
            // A feed per tag, for readers who follow one subject (summaries and links; articles are in the site's feeds).
            let entries = issues.sorted { ($0.frontMatter.date, $0.source.stem) > ($1.frontMatter.date, $1.source.stem) }
                .prefix(Feeds.limit).map { Feeds.Entry(issue: $0, html: "", image: nil) }
            var feed = Feeds(config: config, entries: Array(entries), png: false, leads: [:], language: language)
            feed.selfPath = "tags/\(slug)/atom.xml"
            feed.titleOverride = config.title.text(language) + " · " + title
            files.append(OutputFile(path: "tags/\(slug)/atom.xml", contents: feed.atom()))
            files.append(OutputFile(path: "tags/\(slug)/index.html", contents: templates.render("index", context: page)))
        }
        return files
    }

    /// The three feeds, each made on its own core: they carry the newest articles whole, and a data
    /// update that changes those articles makes all three again.
    enum FeedFormat { case atom, rss, json }

    static func writeFeed(_ format: FeedFormat, _ context: BuildContext) throws(SourceError) -> [OutputFile] {
        guard let config = context.config else { return [] }
        let leads = Dictionary(uniqueKeysWithValues: context.summaries.compactMap { s in s.lead.map { (s.issue.source.stem, $0) } })
        // Each language's feeds carry its newest issues, as feed readers expect; the archive is on the site.
        return context.languages.map { language in
            let entries = context.summaries.filter { $0.issue.kind == .issue && $0.feedHTML != nil && $0.issue.frontMatter.language == language }
                .sorted { ($0.issue.frontMatter.date, $0.issue.source.stem) > ($1.issue.frontMatter.date, $1.issue.source.stem) }
                .prefix(Feeds.limit).map { Feeds.Entry(issue: $0.issue, html: $0.feedHTML ?? "", image: nil) }
            let home = LayoutVariables.home(of: language, config)
            let feeds = Feeds(config: config, entries: entries, png: context.rasterizer != nil, leads: leads, language: language, home: home)
            switch format {
            case .atom: return OutputFile(path: home + "atom.xml", contents: feeds.atom())
            case .rss: return OutputFile(path: home + "rss.xml", contents: feeds.rss())
            case .json: return OutputFile(path: home + "feed.json", contents: feeds.json())
            }
        }
    }

    static func writeSitemap(_ context: BuildContext) throws(SourceError) -> [OutputFile] {
        guard let config = context.config else { return [] }
        let newest = context.issues.map(\.frontMatter.date).max() ?? Day(ordinal: 0)
        var entries: [(String, Day)] = context.languages.map { (config.absoluteURL(LayoutVariables.home(of: $0, config)), newest) }
        for s in context.summaries { entries.append((config.absoluteURL(s.issue.outputPath + "/"), s.issue.frontMatter.date)) }
        // The tag pages, in path order (as `writeTagPages` names them).
        for slug in Set(context.issues.flatMap { $0.frontMatter.tags.map(context.tags.slug) }).sorted(by: { "tags/\($0)/" < "tags/\($1)/" }) {
            entries.append((config.absoluteURL("tags/\(slug)/"), newest))
        }
        // Sitemaps take URLs as RFC 3986 has them: non-ASCII (Chinese tag pages) percent-encoded.
        return [OutputFile(path: "sitemap.xml", contents: Feeds.sitemap(entries.map { (Escape.uri($0.0), $0.1) })),
                OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\nSitemap: \(config.absoluteURL("sitemap.xml"))\n")]
    }
}
