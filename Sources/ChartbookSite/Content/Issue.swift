import ChartbookCore

/// One issue of the publication (a Markdown file under `Templates/issues/` with front matter), or a
/// standalone page under `Templates/pages/` rendered the same way but not listed as an issue.
public struct Issue: Sendable {
    public enum Kind: Sendable { case issue, page }
    public var kind: Kind = .issue
    public var source: TemplateSourceInfo
    public var frontMatter: FrontMatter
    /// The Markdown (with Mustache tags) after the front matter.
    public var body: String
    /// Line of the body's first line in the file.
    public var bodyLine: Int
    /// Folder under the output root, e.g. `issues/2025-05-24-weak-auction`.
    public var outputPath: String { kind == .issue ? "issues/\(source.stem)" : source.stem }
}

/// Where an issue file is, by the names used in messages and URLs.
public struct TemplateSourceInfo: Sendable {
    /// Path shown in messages (`Templates/issues/2025-05-24-x.md`).
    public var display: String
    /// File name without extension; becomes the permalink.
    public var stem: String
}
