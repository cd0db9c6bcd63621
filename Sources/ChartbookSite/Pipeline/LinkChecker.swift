import ChartbookCore
import Foundation

/// Finds links and images in the built pages that point at nothing: a relative `href` or `src`
/// whose file the build did not produce, or a `#fragment` with no element of that id on its page.
/// Absolute URLs (other sites, `base_url` links) are not fetched.
enum LinkChecker {
    /// `rootPath`: the path the site is served under (`/chartbook/`), which a link starting with `/` begins with.
    static func check(_ files: [OutputFile], rootPath: String = "/") -> [Diagnostic] {
        let paths = Set(files.map(\.path))
        var found: [Diagnostic] = []
        let attribute = try! NSRegularExpression(pattern: #"\s(href|src)="([^"]*)""#)
        let ids = try! NSRegularExpression(pattern: #"\sid="([^"]*)""#)
        for file in files where file.path.hasSuffix(".html") {
            let html = file.text
            let range = NSRange(html.startIndex..., in: html)
            let pageIDs = Set(ids.matches(in: html, range: range).map { (html as NSString).substring(with: $0.range(at: 1)) })
            var reported = Set<String>()
            for match in attribute.matches(in: html, range: range) {
                let kind = (html as NSString).substring(with: match.range(at: 1))
                let raw = (html as NSString).substring(with: match.range(at: 2)).replacingOccurrences(of: "&amp;", with: "&")
                if raw.isEmpty || raw.contains("://") || raw.hasPrefix("mailto:") || raw.hasPrefix("data:") || raw.hasPrefix("//") { continue }
                guard !reported.contains(raw) else { continue }
                if raw.hasPrefix("#") {
                    if !pageIDs.contains(String(raw.dropFirst())) {
                        reported.insert(raw)
                        found.append(Diagnostic(.error, SourceLocation(file: "Output/" + file.path), "link to '\(raw)', but the page has no element with that id"))
                    }
                    continue
                }
                var link = raw
                if link.hasPrefix("/") {
                    guard link.hasPrefix(rootPath) || rootPath == "/" else {
                        reported.insert(raw)
                        found.append(Diagnostic(.error, SourceLocation(file: "Output/" + file.path), "link to '\(raw)' leaves the site's path \(rootPath)"))
                        continue
                    }
                    link = "/" + link.dropFirst(rootPath.count)
                }
                let target = resolve(link, from: file.path)
                if !(paths.contains(target) || paths.contains(target + "index.html") || paths.contains(target + "/index.html")) {
                    reported.insert(raw)
                    found.append(Diagnostic(.error, SourceLocation(file: "Output/" + file.path),
                                            kind == "src" ? "missing image '\(raw)'" : "broken link to '\(raw)'"))
                }
            }
        }
        return found
    }

    /// A relative URL resolved against the folder of `page`, as a path in the output (no query or fragment).
    static func resolve(_ link: String, from page: String) -> String {
        var path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        path = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let decoded = String(path).removingPercentEncoding ?? String(path)
        var parts: [Substring] = decoded.hasPrefix("/") ? [] : page.split(separator: "/").dropLast().map { $0 }
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/") + (decoded.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }
}
