import ChartbookCore
import Foundation

/// One issue of the publication (a Markdown file under `Templates/issues/` with front matter), or a
/// standalone page under `Templates/pages/` rendered the same way but not listed as an issue.
public struct Issue: Sendable {
    public enum Kind: Sendable { case issue, page }
    public var kind: Kind = .issue
    public var source: TemplateSourceInfo
    public var frontMatter: FrontMatter
    /// Line of the body's first line in the file.
    public var bodyLine: Int
    /// What the page cache needs of the text, known without reading it when the file is unchanged.
    var facts: IssueFacts?
    private var storedBody: IssueBody

    public init(kind: Kind = .issue, source: TemplateSourceInfo, frontMatter: FrontMatter, body: String, bodyLine: Int) {
        self.kind = kind
        self.source = source
        self.frontMatter = frontMatter
        self.bodyLine = bodyLine
        storedBody = IssueBody(text: body)
    }

    /// An issue whose file the previous build read and has not changed since: its front matter and
    /// facts come from the page cache, and its body is read only if the issue renders again.
    init(kind: Kind, source: TemplateSourceInfo, frontMatter: FrontMatter, bodyLine: Int, facts: IssueFacts,
         load: @escaping @Sendable () throws(SourceError) -> String) {
        self.kind = kind
        self.source = source
        self.frontMatter = frontMatter
        self.bodyLine = bodyLine
        self.facts = facts
        storedBody = IssueBody(load: load)
    }

    /// The Markdown (with Mustache tags) after the front matter, with blank lines standing in for
    /// the front matter so line numbers match the file.
    public var body: String {
        get { (try? storedBody.text()) ?? "" }
        set { storedBody = IssueBody(text: newValue) }
    }

    /// The body, or the error that reading it (for an issue carried over from the cache) met.
    public func loadBody() throws(SourceError) -> String { try storedBody.text() }

    /// Folder under the output root, e.g. `issues/2025-05-24-weak-auction`.
    public var outputPath: String { kind == .issue ? "issues/\(source.stem)" : source.stem }
}

/// An issue's body, held or read on first use (once, whichever thread asks first).
final class IssueBody: @unchecked Sendable {
    private var result: Result<String, SourceError>?
    private let load: (@Sendable () throws(SourceError) -> String)?
    private let lock = NSLock()

    init(text: String) { result = .success(text); load = nil }
    init(load: @escaping @Sendable () throws(SourceError) -> String) { self.load = load }

    func text() throws(SourceError) -> String {
        lock.lock(); defer { lock.unlock() }
        if let result { return try result.get() }
        let loaded: Result<String, SourceError>
        do throws(SourceError) {
            loaded = .success(try load?() ?? "")
        } catch {
            loaded = .failure(error)
        }
        result = loaded
        return try loaded.get()
    }
}

/// What an incremental build needs of an issue file without reading it: the file's identity
/// (device, inode, size, modification and change times), its front matter, and what its body's
/// cache key is made of (digest, partials named, catalog ids named).
struct IssueFacts: Sendable, Equatable {
    var signature: String
    var bodyLine: Int
    var bodyDigest: String
    var partials: [String]
    var ids: [String]
    var frontMatter: [String]
}

/// Where an issue file is, by the names used in messages and URLs.
public struct TemplateSourceInfo: Sendable {
    /// Path shown in messages (`Templates/issues/2025-05-24-x.md`).
    public var display: String
    /// File name without extension; becomes the permalink.
    public var stem: String
}
