import Foundation

/// Holds inline SVG (sparklines) that a template asked for while Mustache renders, and puts it back
/// after libcmark: the Markdown only carries a private-use placeholder, so safe mode (which drops the
/// author's raw HTML) cannot drop the project's own figures.
final class InlineFigures: @unchecked Sendable {
    private var figures: [String] = []
    private let lock = NSLock()
    static let open = "\u{E000}", close = "\u{E001}"

    /// Registers `svg` and returns the placeholder to put in the text.
    func add(_ svg: String) -> String {
        lock.lock(); defer { lock.unlock() }
        figures.append(svg)
        return InlineFigures.open + "fig\(figures.count - 1)" + InlineFigures.close
    }

    /// Replaces every placeholder in rendered HTML by its figure (or by what `replacement` makes of it).
    func restore(_ html: String, with replacement: (String) -> String = { $0 }) -> String {
        lock.lock(); defer { lock.unlock() }
        return Placeholders.substitute(in: html, open: InlineFigures.open + "fig", close: InlineFigures.close) { key in
            Int(key).flatMap { $0 < figures.count ? replacement(figures[$0]) : nil }
        }
    }
}
