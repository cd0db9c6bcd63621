import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fenced code block as the author wrote it, offered to the caller for replacement.
public struct FencedBlock: Sendable {
    /// The info string after the opening fence, e.g. `chart`.
    public var info: String
    /// The block's content.
    public var literal: String
    /// 1-based line of the opening fence in the Markdown text.
    public var line: Int
}

/// A heading of the rendered document, with the id it was given (for tables of contents and links).
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
}

/// The HTML of a Markdown document and what was found while rendering it.
public struct RenderedMarkdown: Sendable {
    public var html: String
    public var headings: [Heading]
}

/// How Markdown is rendered.
public struct MarkdownOptions: Sendable {
    /// Pass the author's raw HTML and `javascript:` links through. Off by default: only HTML the
    /// project itself injects (charts) is trusted.
    public var allowRawHTML = false
    /// Curly quotes and dashes.
    public var smartPunctuation = false

    public init(allowRawHTML: Bool = false, smartPunctuation: Bool = false) {
        self.allowRawHTML = allowRawHTML
        self.smartPunctuation = smartPunctuation
    }
}

/// CommonMark rendering through libcmark, with two rewrites of the tree: fenced blocks the caller
/// claims (charts) become trusted HTML, and headings get stable, unique ids.
public enum Markdown {
    /// Renders `text`. `replace` is called for every fenced block; returning HTML replaces the block,
    /// returning nil leaves it as code. Errors thrown by `replace` stop the render and propagate.
    public static func render<E: Error>(_ text: String, options: MarkdownOptions = MarkdownOptions(),
                                        replace: (FencedBlock) throws(E) -> String?) throws(E) -> RenderedMarkdown {
        var cmarkOptions = CMARK_OPT_DEFAULT
        if options.allowRawHTML { cmarkOptions |= CMARK_OPT_UNSAFE }
        if options.smartPunctuation { cmarkOptions |= CMARK_OPT_SMART }
        var text = text
        guard let document = text.withUTF8({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, cmarkOptions) }
        }) else {
            return RenderedMarkdown(html: "", headings: [])
        }
        defer { cmark_node_free(document) }

        // Collect first, edit after the walk. Only block containers are descended into: fences and
        // headings are blocks, and skipping the inline nodes makes the walk a small part of a render.
        var fences: [OpaquePointer] = []
        var headingNodes: [OpaquePointer] = []
        var stack: [OpaquePointer] = [document]
        while let parent = stack.popLast() {
            var child = cmark_node_first_child(parent)
            var containers: [OpaquePointer] = []
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_CODE_BLOCK where cmark_node_get_fence_info(node) != nil: fences.append(node)
                case CMARK_NODE_HEADING: headingNodes.append(node)
                case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM: containers.append(node)
                default: break
                }
                child = cmark_node_next(node)
            }
            stack.append(contentsOf: containers.reversed())
        }
        // Document order: blocks inside containers were collected after their siblings.
        fences.sort { Markdown.position($0) < Markdown.position($1) }
        headingNodes.sort { Markdown.position($0) < Markdown.position($1) }

        for node in fences {
            let block = FencedBlock(info: string(cmark_node_get_fence_info(node)).trimmingCharacters(),
                                    literal: string(cmark_node_get_literal(node)),
                                    line: Int(cmark_node_get_start_line(node)))
            if let html = try replace(block) { swap(node, forHTML: html) }
        }

        var headings: [Heading] = []
        var used: [String: Int] = [:]
        for node in headingNodes {
            let level = Int(cmark_node_get_heading_level(node))
            let title = plainText(node)
            // `fig-…` belongs to chart figures (`fig-chart-1`): a heading never takes one of theirs.
            let slug = Slug.make(title)
            let base = slug.hasPrefix("fig-") ? "h-" + slug : slug
            var id = base
            // "Rates", "Rates" and "Rates-2" get rates, rates-2 and rates-2-2: unique, whatever the order.
            if var n = used[base] {
                repeat { n += 1; id = base + "-\(n)" } while used[id] != nil
                used[base] = n
            }
            if used[id] == nil { used[id] = 1 }
            headings.append(Heading(level: level, text: title, id: id))
            // Render the heading alone (same safety options), then add the id to its opening tag.
            guard let rendered = cmark_render_html(node, cmarkOptions) else { continue }
            var html = String(cString: rendered)
            free(rendered)
            let open = "<h\(level)>"
            if html.hasPrefix(open) { html = "<h\(level) id=\"\(id)\">" + html.dropFirst(open.count) }
            swap(node, forHTML: html)
        }

        guard let output = cmark_render_html(document, cmarkOptions) else { return RenderedMarkdown(html: "", headings: headings) }
        defer { free(output) }
        // libcmark writes valid UTF-8 from valid input; decode without a second validation pass where possible.
        let length = strlen(output)
        let html = UnsafeRawPointer(output).withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        return RenderedMarkdown(html: html, headings: headings)
    }

    /// Where a block starts, for putting collected blocks back in document order.
    static func position(_ node: OpaquePointer) -> (Int32, Int32) {
        (cmark_node_get_start_line(node), cmark_node_get_start_column(node))
    }

    /// Replaces `node` by a custom block whose HTML the renderer writes verbatim even in safe mode;
    /// parsing never produces such blocks, so authors cannot use this path.
    static func swap(_ node: OpaquePointer, forHTML html: String) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        _ = html.withCString { cmark_node_set_on_enter(custom, $0) }
        cmark_node_replace(node, custom)
        cmark_node_free(node)
    }

    /// The text content of a node's descendants (text and code spans).
    static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        guard let iterator = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(child) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += string(cmark_node_get_literal(child))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: break
            }
        }
        return out
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
