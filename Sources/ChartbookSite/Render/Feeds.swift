import ChartbookCharts
import ChartbookCore
import Foundation

/// Atom, RSS 2.0 and JSON Feed 1.1 for the issues, newest first, with full content and absolute
/// URLs. Dates come from the issues, never from the clock, so feeds are as deterministic as pages.
struct Feeds {
    /// How many of the newest issues a feed carries.
    static let limit = 20

    /// One issue as the feeds carry it.
    struct Entry: Sendable {
        var issue: Issue
        var html: String
        var image: String?
    }

    let config: SiteConfig
    let entries: [Entry]
    let png: Bool
    let leads: [String: IssueSummary.Lead]
    /// The feeds' language; each language's home has its own feeds (under `home`, e.g. `en/`).
    var language: EditionLanguage
    var home = ""
    /// A feed of part of the site (a tag's): its own path and title.
    var selfPath: String? = nil
    var titleOverride: String? = nil

    var issues: [Entry] { entries }
    var title: String { titleOverride ?? config.title.text(language) }
    /// A path of the site as an absolute URL; the feeds' own files and home page are under `home`.
    func url(_ path: String) -> String {
        config.absoluteURL(["atom.xml", "rss.xml", "feed.json", ""].contains(path) ? home + path : path)
    }

    func content(_ entry: Entry) -> String { entry.html }

    static func rfc3339(_ day: Day) -> String { "\(day)T00:00:00Z" }

    static func rfc822(_ day: Day) -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (y, m, d) = day.components
        return "\(names[day.weekday]), \(d < 10 ? "0" : "")\(d) \(months[m - 1]) \(y) 00:00:00 +0000"
    }

    static func xml(_ text: String) -> String { Escape.xml(text) }

    var updated: Day { entries.map(\.issue.frontMatter.date).max() ?? Day(ordinal: 0) }

    func atom() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language.htmlTag)\">\n"
        x += "<title>\(Feeds.xml(title))</title>\n<subtitle>\(Feeds.xml(config.description.text(language)))</subtitle>\n"
        x += "<link href=\"\(Feeds.xml(url(selfPath ?? "atom.xml")))\" rel=\"self\"/>\n<link href=\"\(Feeds.xml(url("")))\"/>\n"
        x += "<id>\(Feeds.xml(url(selfPath.map { String($0.dropLast("atom.xml".count)) } ?? "")))</id>\n<updated>\(Feeds.rfc3339(updated))</updated>\n<author><name>\(Feeds.xml(title))</name></author>\n"
        for r in issues {
            let m = r.issue.frontMatter
            let link = url(r.issue.outputPath + "/")
            x += "<entry>\n<title>\(Feeds.xml(m.title))</title>\n<link href=\"\(Feeds.xml(link))\"/>\n<id>\(Feeds.xml(link))</id>\n"
            x += "<published>\(Feeds.rfc3339(m.date))</published>\n<updated>\(Feeds.rfc3339(m.date))</updated>\n"
            x += "<summary>\(Feeds.xml(m.summary))</summary>\n"
            for tag in m.tags { x += "<category term=\"\(Feeds.xml(tag))\"/>\n" }
            // Tag feeds carry summaries only (the whole article is in the site's feeds).
            if !r.html.isEmpty { x += "<content type=\"html\" xml:lang=\"\(m.language.htmlTag)\">\(Feeds.xml(content(r)))</content>\n" }
            x += "</entry>\n"
        }
        return x + "</feed>\n"
    }

    func rss() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n"
        x += "<title>\(Feeds.xml(title))</title>\n<link>\(Feeds.xml(url("")))</link>\n<description>\(Escape.rssHTML(config.description.text(language)))</description>\n"
        x += "<language>\(language.htmlTag)</language>\n<lastBuildDate>\(Feeds.rfc822(updated))</lastBuildDate>\n"
        x += "<atom:link href=\"\(Feeds.xml(url("rss.xml")))\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        for r in issues {
            let m = r.issue.frontMatter
            let link = url(r.issue.outputPath + "/")
            x += "<item>\n<title>\(Feeds.xml(m.title))</title>\n<link>\(Feeds.xml(link))</link>\n<guid isPermaLink=\"true\">\(Feeds.xml(link))</guid>\n"
            // RSS readers read <description> as HTML: the plain-text summary is escaped for HTML, then for XML.
            x += "<pubDate>\(Feeds.rfc822(m.date))</pubDate>\n<description>\(Escape.rssHTML(m.summary))</description>\n"
            for tag in m.tags { x += "<category>\(Feeds.xml(tag))</category>\n" }
            x += "<content:encoded>\(Feeds.xml(content(r)))</content:encoded>\n</item>\n"
        }
        return x + "</channel>\n</rss>\n"
    }

    struct JSONFeed: Encodable {
        struct Item: Encodable {
            var id: String, url: String, title: String, summary: String, content_html: String
            var date_published: String, language: String, tags: [String]
            var image: String?
        }
        struct Author: Encodable { var name: String }
        var version = "https://jsonfeed.org/version/1.1"
        var title: String, home_page_url: String, feed_url: String, description: String, language: String
        var authors: [Author]
        var items: [Item]
    }

    func json() -> String {
        let feed = JSONFeed(
            title: title, home_page_url: url(""), feed_url: url("feed.json"), description: config.description.text(language),
            language: language.htmlTag, authors: [.init(name: title)],
            items: issues.map { r in
                let m = r.issue.frontMatter
                return .init(id: url(r.issue.outputPath + "/"), url: url(r.issue.outputPath + "/"), title: m.title, summary: m.summary,
                             content_html: content(r), date_published: Feeds.rfc3339(m.date), language: m.language.htmlTag, tags: m.tags,
                             image: png && leads[r.issue.source.stem] != nil ? url(r.issue.outputPath + "/chart-1.png") : nil)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(feed) else { return "{}\n" }
        return Feeds.escapingMarkup(json) + "\n"
    }

    /// JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`: they only ever occur inside
    /// strings there, and escaping them keeps the feed safe to embed in a page. One pass over the bytes.
    static func escapingMarkup(_ json: Data) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(json.count + 1024)
        json.withUnsafeBytes { bytes in // not Data's iterator: a byte at a time through it is slow
            for b in bytes {
                switch b {
                case 60: out.append(contentsOf: #"\u003c"#.utf8)
                case 62: out.append(contentsOf: #"\u003e"#.utf8)
                case 38: out.append(contentsOf: #"\u0026"#.utf8)
                default: out.append(b)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every page worth indexing, with the date it last changed.
    static func sitemap(_ entries: [(String, Day)]) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (loc, day) in entries { x += "<url><loc>\(xml(loc))</loc><lastmod>\(day)</lastmod></url>\n" }
        return x + "</urlset>\n"
    }
}
