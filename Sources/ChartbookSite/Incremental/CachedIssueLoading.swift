import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Incremental builds without reading unchanged issues: the page cache keeps, for each issue file,
/// its identity (device, inode, size, modification and change times) and what the build needs of
/// it (`IssueFacts`). A file whose identity is unchanged is not read; its body is read only if the
/// issue renders again. A file modified within a second of the cache being written is always read
/// (a change in the same clock tick could otherwise go unseen).
extension SiteBuilder {
    /// The identity of a file, and its modification time in seconds; nil when it cannot be read.
    static func fileSignature(_ path: String) -> (signature: String, modified: Int, isLink: Bool)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let m = info.st_mtim, c = info.st_ctim
        return ("\(info.st_dev):\(info.st_ino):\(info.st_size):\(m.tv_sec).\(m.tv_nsec):\(c.tv_sec).\(c.tv_nsec)", Int(m.tv_sec),
                (info.st_mode & S_IFMT) == S_IFLNK)
    }

    /// The facts of an issue read in full: its body's digest, the partials and catalog ids it names.
    static func facts(of issue: Issue, body: String, signature: String, templates: TemplateSet, catalogIDs: [String]) -> IssueFacts {
        var digest = ContentDigest()
        digest.add(body)
        var partials: [String] = []
        if TemplateSet.mayInclude(body) {
            let tags = (try? TemplateScanner.cachedTags(in: body, file: issue.source.display)) ?? []
            partials = Array(Set(tags.filter { $0.kind == .partial || $0.kind == .parent }.map(\.name))).sorted()
        }
        return IssueFacts(signature: signature, bodyLine: issue.bodyLine, bodyDigest: digest.hex, partials: partials,
                          ids: IdentifierScan(catalogIDs: catalogIDs).ids(in: [body]).sorted(), frontMatter: issue.frontMatter.stored)
    }

    /// One issue file: carried over from the page cache's record when the file is unchanged, read
    /// (and its facts worked out) otherwise.
    static func loadIssue(_ url: URL, kind: Issue.Kind, project: Project, cache: PageRecords?, templates: TemplateSet?,
                          catalogIDs: [String]) throws(SourceError) -> Issue {
        let path = url.path
        guard let cache, let templates, let (signature, modified, isLink) = fileSignature(path) else {
            return try loadIssue(url, kind: kind, project: project)
        }
        let name = OutputSink.name(of: path)
        let stem = name.hasSuffix(".md") ? String(name.utf8.dropLast(3))! : url.deletingPathExtension().lastPathComponent
        if let known = cache.previous[stem]?.facts, known.signature == signature, modified < cache.writtenAt - 1,
           let matter = FrontMatter(stored: known.frontMatter) {
            let display = project.display(path: path)
            try project.checkInside(path: path, display: display, isLink: isLink) // a file that became a link has a new signature anyway
            return Issue(kind: kind, source: TemplateSourceInfo(display: display, stem: stem), frontMatter: matter,
                         bodyLine: known.bodyLine, facts: known) { () throws(SourceError) -> String in
                try loadIssue(url, kind: kind, project: project).loadBody()
            }
        }
        var issue = try loadIssue(url, kind: kind, project: project)
        issue.facts = facts(of: issue, body: issue.body, signature: signature, templates: templates, catalogIDs: catalogIDs)
        return issue
    }
}
