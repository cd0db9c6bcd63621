import Foundation
import ChartbookCore

/// `Templates/site.yaml`: the publication's name and the few switches a site has.
public struct SiteConfig: Sendable {
    public var title: LocalizedText
    public var description: LocalizedText
    /// Absolute URL the site is published at (for feeds and canonical links).
    public var baseURL: String
    /// Let authors' raw HTML through the Markdown renderer. Off: only charts are trusted HTML.
    public var rawHTML: Bool
    public var language: EditionLanguage
    /// The newsletter's sender (`email: {from: "Macro <letters@example.org>"}`); default: `newsletter@` the site's host.
    public var emailFrom: String
    /// An unsubscribe address with `{address}` for the recipient's (`email: {unsubscribe: "https://…?a={address}"}`):
    /// sent as List-Unsubscribe and linked in the footer.
    public var unsubscribe: String?

    /// `base_url` joined with a path inside the site, for links that must be absolute (feeds, hreflang).
    public func absoluteURL(_ path: String) -> String {
        (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + (path.hasPrefix("/") ? String(path.dropFirst()) : path)
    }

    /// The path the site is served under (`/chartbook/` for `https://example.org/chartbook/`): how a
    /// page whose own address is unknown (the 404 page, served for any missing path) reaches the site's files.
    public var rootPath: String {
        var path = baseURL
        if let scheme = path.range(of: "://") {
            let rest = path[scheme.upperBound...]
            path = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        if !path.hasPrefix("/") { path = "/" + path }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// Whether `base_url` is still a placeholder (no host, or an example or local one): feeds, the
    /// sitemap and emails would then point nowhere.
    public var baseURLIsPlaceholder: Bool {
        guard let host = URL(string: baseURL)?.host?.lowercased() else { return true }
        return ["example.org", "example.com", "example.net", "localhost", "127.0.0.1"].contains(host) || host.hasSuffix(".example")
    }

    /// How many issues a home page lists before the rest go on further pages (`page/2/` …).
    public var pageSize = 25

    static let keys = ["title", "description", "base_url", "raw_html", "language", "email", "page_size"]

    public init(yaml text: String, file: String) throws(SourceError) {
        guard let root = try YAMLValue.parse(text, file: file) else {
            throw SourceError(SourceLocation(file: file, line: 1), "site config is empty; it needs at least a title")
        }
        let m = try root.mapping(allowedKeys: SiteConfig.keys)
        title = try LocalizedText(yaml: m.required("title"))
        description = try m["description"].map { v throws(SourceError) in try LocalizedText(yaml: v) } ?? LocalizedText(all: "")
        baseURL = try m["base_url"]?.string() ?? "/"
        rawHTML = try m["raw_html"]?.bool() ?? false
        let tag = try m["language"]?.string() ?? "zh"
        guard let language = EditionLanguage(tag: tag) else { throw SourceError(try m.required("language").location, "unknown language '\(tag)'") }
        self.language = language
        if let size = m["page_size"] {
            pageSize = try size.int()
            guard pageSize >= 1 else { throw SourceError(size.location, "page_size must be at least 1") }
        }
        let email = try m["email"]?.mapping(allowedKeys: ["from", "unsubscribe"])
        let host = URL(string: baseURL)?.host ?? "localhost"
        emailFrom = try email?["from"]?.string() ?? "newsletter@\(host)"
        unsubscribe = try email?["unsubscribe"]?.string()
        for (name, value) in [("from", emailFrom), ("unsubscribe", unsubscribe ?? "")] where value.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw SourceError(try email?.required(name).location ?? SourceLocation(file: file), "email \(name) must be one line")
        }
    }
}
