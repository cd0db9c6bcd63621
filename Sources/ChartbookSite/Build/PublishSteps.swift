import ChartbookCharts
import ChartbookCore
import ChartbookMarkdown
import Foundation

/// The steps after the articles are rendered: images, pages, email editions, index, tag pages,
/// feeds and sitemap. Each reads `context.rendered` and adds files.
extension SiteBuilder {
    /// 2× PNGs of every issue chart (not of standalone pages), two at a time on two cores.
    static func rasterizeCharts(_ context: inout BuildContext) throws(SourceError) {
        guard let rasterizer = context.rasterizer else { return }
        let jobs = context.rendered.filter { $0.issue.kind == .issue }.flatMap { r in r.charts.map { (r.issue, $0) } }
        let results = ConcurrentResults<Data>(count: jobs.count)
        let cache = context.cache
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let (issue, chart) = jobs[i]
            // The PNG depends only on the SVG and the rasterizer's settings.
            let key = BuildCache.key(["png-2x-white", chart.svg])
            if let hit = cache?.get(key, ext: "png") {
                results.set(i, .success(hit))
                return
            }
            do {
                let png = try rasterizer.png(chart.svg)
                cache?.set(key, ext: "png", png)
                results.set(i, .success(png))
            } catch {
                results.set(i, .failure(SourceError(SourceLocation(file: issue.source.display), "cannot draw \(chart.pngName) as PNG: \(error)")))
            }
        }
        for (i, (issue, chart)) in jobs.enumerated() {
            switch results.get(i) {
            case .success(let png): context.files.append(OutputFile(path: issue.outputPath + "/" + chart.pngName, data: png))
            case .failure(let error): throw error
            case nil: break
            }
        }
    }


    static func writePages(_ context: inout BuildContext) throws(SourceError) {
        guard let store = context.store, let templates = context.templates, let config = context.config else { return }
        let renderer = IssueRenderer(store: store, templates: templates, config: config)
        let all = context.issues + context.pages
        for rendered in context.rendered {
            let issue = rendered.issue
            let editions = all.filter { other in
                issue.frontMatter.translationKey.map { $0 == other.frontMatter.translationKey } ?? (other.source.stem == issue.source.stem)
            }
            let og = context.hasPNG && issue.kind == .issue && !rendered.charts.isEmpty
                ? config.absoluteURL(issue.outputPath + "/" + rendered.charts[0].pngName) : nil
            context.files.append(try renderer.page(rendered, editions: editions, ogImage: og))
        }
        // A 404 page at the root, for hosts (GitHub Pages) that serve it for missing paths.
        let language = config.language
        let page: [String: Any] = ["site_title": config.title.text(language), "site_description": config.description.text(language),
                                   "lang": language.htmlTag, "root": "/", "title": language == .zh ? "找不到这一页" : "Page not found",
                                   "canonical": config.absoluteURL("404.html")]
        try requireLayout("404", templates)
        context.files.append(OutputFile(path: "404.html", contents: templates.render("404", context: page)))
    }

    static func writeEmails(_ context: inout BuildContext) throws(SourceError) {
        guard context.hasPNG, let config = context.config else { return }
        for rendered in context.rendered where rendered.issue.kind == .issue {
            let email = EmailEdition(config: config, rendered: rendered)
            let html = email.html()
            let path = rendered.issue.outputPath + "/email.html"
            if html.utf8.count > EmailEdition.clipLimit {
                context.warnings.append(Diagnostic(.warning, SourceLocation(file: rendered.issue.source.display),
                                                   "the email edition is \(html.utf8.count) bytes; Gmail clips messages over about \(EmailEdition.clipLimit)"))
            }
            context.files.append(OutputFile(path: path, contents: html))
            context.files.append(OutputFile(path: rendered.issue.outputPath + "/email.txt", contents: email.text()))
        }
    }

    /// One index entry per issue in the site's language, newest first, with its lead chart.
    static func indexEntries(_ context: BuildContext, issues: [Issue], root: String) -> [[String: Any]] {
        guard let config = context.config else { return [] }
        let language = config.language
        let format = LocaleFormatter(language: language)
        return issues.filter { $0.frontMatter.language == language }.map { issue in
            let others = context.issues.filter { $0.frontMatter.language != language && $0.frontMatter.translationKey != nil
                && $0.frontMatter.translationKey == issue.frontMatter.translationKey }
            let lead = context.rendered.first { $0.issue.source.stem == issue.source.stem }?.charts.first
            var entry: [String: Any] = [
                "title": issue.frontMatter.title, "date": format.date(issue.frontMatter.date), "iso_date": issue.frontMatter.date.description,
                "summary": issue.frontMatter.summary, "url": root + issue.outputPath + "/", "lang": issue.frontMatter.language.htmlTag,
                "tags": issue.frontMatter.tags.map { ["name": $0, "url": root + "tags/" + Slug.make($0) + "/"] },
                "editions": others.map { ["url": root + $0.outputPath + "/", "lang": $0.frontMatter.language.htmlTag, "title": $0.frontMatter.title,
                                           "name": PageLabels.languageName($0.frontMatter.language)] },
            ]
            if let lead {
                entry["lead"] = ["src": root + issue.outputPath + "/" + lead.svgName, "alt": lead.title,
                                 "width": String(Int(lead.width)), "height": String(Int(lead.height))]
            }
            return entry
        }
    }

    static func renderIndex(_ context: inout BuildContext) throws(SourceError) {
        guard let templates = context.templates, let config = context.config else { return }
        let language = config.language
        let page: [String: Any] = [
            "site_title": config.title.text(language), "site_description": config.description.text(language),
            "lang": language.htmlTag, "root": "", "title": config.title.text(language), "issues": indexEntries(context, issues: context.issues, root: ""),
            "canonical": config.absoluteURL(""), "labels": PageLabels.labels(language),
        ]
        try requireLayout("index", templates)
        context.files.append(OutputFile(path: "index.html", contents: templates.render("index", context: page)))
    }

    /// `tags/<tag>/index.html`: the issues carrying each tag.
    static func writeTagPages(_ context: inout BuildContext) throws(SourceError) {
        guard let templates = context.templates, let config = context.config else { return }
        let language = config.language
        var tags: [String: [Issue]] = [:]
        for issue in context.issues where issue.frontMatter.language == language {
            for tag in issue.frontMatter.tags { tags[tag, default: []].append(issue) }
        }
        for (tag, issues) in tags.sorted(by: { $0.key < $1.key }) {
            let slug = Slug.make(tag)
            let title = (language == .zh ? "标签：" : "Tag: ") + tag
            let page: [String: Any] = [
                "site_title": config.title.text(language), "site_description": "", "lang": language.htmlTag, "root": "../../",
                "title": title, "heading": title, "issues": indexEntries(context, issues: issues, root: "../../"),
                "canonical": config.absoluteURL("tags/" + slug + "/"), "labels": PageLabels.labels(language),
            ]
            context.files.append(OutputFile(path: "tags/\(slug)/index.html", contents: templates.render("index", context: page)))
        }
    }

    static func writeFeeds(_ context: inout BuildContext) throws(SourceError) {
        guard let config = context.config else { return }
        let issues = context.rendered.filter { $0.issue.kind == .issue }
            .sorted { ($0.issue.frontMatter.date, $0.issue.source.stem) > ($1.issue.frontMatter.date, $1.issue.source.stem) }
        let feeds = Feeds(config: config, issues: issues, png: context.hasPNG)
        context.files.append(OutputFile(path: "atom.xml", contents: feeds.atom()))
        context.files.append(OutputFile(path: "rss.xml", contents: feeds.rss()))
        context.files.append(OutputFile(path: "feed.json", contents: feeds.json()))
    }

    static func writeSitemap(_ context: inout BuildContext) throws(SourceError) {
        guard let config = context.config else { return }
        let newest = context.issues.map(\.frontMatter.date).max() ?? Day(ordinal: 0)
        var entries: [(String, Day)] = [(config.absoluteURL(""), newest)]
        for r in context.rendered { entries.append((config.absoluteURL(r.issue.outputPath + "/"), r.issue.frontMatter.date)) }
        for file in context.files where file.path.hasPrefix("tags/") && file.path.hasSuffix("/index.html") {
            entries.append((config.absoluteURL(String(file.path.dropLast("index.html".count))), newest))
        }
        context.files.append(OutputFile(path: "sitemap.xml", contents: Feeds.sitemap(entries)))
        context.files.append(OutputFile(path: "robots.txt", contents: "User-agent: *\nAllow: /\nSitemap: \(config.absoluteURL("sitemap.xml"))\n"))
    }
}
