import ChartbookCore
import Foundation

/// Draws the SVG that `ChartRenderer` writes onto a cairo context, element by element. It reads
/// only that small subset (rect, line, path, circle, text, clip rectangles; colours as `#rrggbb`;
/// presentation attributes, no inheritance but the root's font list) and refuses anything else, so
/// a new mark that writes something it cannot draw fails in the tests rather than drawing wrong.
/// A general SVG renderer (librsvg) spent three quarters of its time laying out text through pango
/// for every label; here text goes straight to cairo, whose glyph cache is shared across charts.
struct ChartPainter {
    let cairo: Cairo
    let cr: Cairo.Context

    /// Why a chart could not be drawn: the element or attribute outside the subset, and where.
    struct Unsupported: Error, CustomStringConvertible {
        var what: String
        var description: String { "the PNG painter cannot draw \(what)" }
    }

    /// Paints `svg` at `scale` device pixels per SVG unit.
    func paint(_ svg: String, scale: Double) throws(Unsupported) {
        var reader = SVGTagReader(Array(svg.utf8))
        var clips: [String: [(Double, Double, Double, Double)]] = [:]
        var clipID: String?
        var fonts = "sans-serif"
        cairo.scale(cr, scale, scale)
        // Round joins and caps are flattened to within a quarter of a device pixel (cairo's default
        // is a tenth): invisible at 2×, and a fifth less time stroking dense 30-year lines.
        cairo.setTolerance(cr, 0.25)
        while let tag = reader.next() {
            guard !tag.isClose else {
                if tag.name == "clipPath" { clipID = nil }
                continue
            }
            let a = tag.attributes
            switch tag.name {
            case "svg":
                fonts = a["font-family"] ?? fonts
            case "title", "desc", "style":
                reader.skipContent(of: tag)
            case "clipPath":
                clipID = a["id"]
            case "rect" where clipID != nil:
                clips[clipID!, default: []].append((number(a["x"]), number(a["y"]), number(a["width"]), number(a["height"])))
            case "rect":
                let width = a["width"] == "100%" ? .infinity : number(a["width"]), height = a["height"] == "100%" ? .infinity : number(a["height"])
                if width.isInfinite || height.isInfinite { // the background
                    try setColor(a["fill"] ?? "#000000", opacity: number(a["fill-opacity"], default: 1))
                    cairo.paint(cr)
                    continue
                }
                try shape(a, clips: clips) { cairo.rectangle(cr, number(a["x"]), number(a["y"]), width, height) }
            case "line":
                try shape(a, clips: clips) {
                    cairo.moveTo(cr, number(a["x1"]), number(a["y1"]))
                    cairo.lineTo(cr, number(a["x2"]), number(a["y2"]))
                }
            case "circle":
                try shape(a, clips: clips) {
                    cairo.newPath(cr)
                    cairo.arc(cr, number(a["cx"]), number(a["cy"]), number(a["r"]), 0, 2 * Double.pi)
                }
            case "path":
                let d = a["d"] ?? ""
                var failure: Unsupported?
                var a = a
                // A dense data line has a vertex every pixel or so: there a bevel join cannot be told
                // from a round one (0.4/255 mean difference on a 30-year daily line) and gives the
                // scan converter far fewer edges (the 1,000-issue build with images: 7% faster).
                if a["stroke-linejoin"] == "round", d.utf8.count > 4_000 { a["stroke-linejoin"] = "bevel" }
                try shape(a, clips: clips) { do throws(Unsupported) { try trace(d) } catch { failure = error } }
                if let failure { throw failure }
            case "text":
                let content = Escape.unescapeHTML(reader.content(of: tag))
                try text(content, a, fonts: fonts)
            default:
                throw Unsupported(what: "<\(tag.name)>")
            }
        }
    }

    /// Fills, then strokes, the path `build` makes (SVG's paint order), inside the element's clip.
    private func shape(_ a: [String: String], clips: [String: [(Double, Double, Double, Double)]], build: () -> Void) throws(Unsupported) {
        cairo.save(cr)
        defer { cairo.restore(cr) }
        if let clip = a["clip-path"] {
            guard clip.hasPrefix("url(#"), clip.hasSuffix(")"), let rects = clips[String(clip.dropFirst(5).dropLast())] else {
                throw Unsupported(what: "clip-path \(clip)")
            }
            for r in rects { cairo.rectangle(cr, r.0, r.1, r.2, r.3) }
            cairo.clip(cr)
        }
        build()
        let fill = a["fill"] ?? "#000000", stroke = a["stroke"] ?? "none"
        if fill != "none" {
            try setColor(fill, opacity: number(a["fill-opacity"], default: 1))
            if stroke != "none" { cairo.fillPreserve(cr) } else { cairo.fill(cr) }
        }
        if stroke != "none" {
            try setColor(stroke, opacity: number(a["stroke-opacity"], default: 1))
            try setStrokeStyle(a)
            cairo.stroke(cr)
        }
        cairo.newPath(cr)
    }

    private func setStrokeStyle(_ a: [String: String]) throws(Unsupported) {
        cairo.setLineWidth(cr, number(a["stroke-width"], default: 1))
        switch a["stroke-linejoin"] ?? "miter" {
        case "miter": cairo.setLineJoin(cr, 0)
        case "round": cairo.setLineJoin(cr, 1)
        case "bevel": cairo.setLineJoin(cr, 2)
        case let other: throw Unsupported(what: "stroke-linejoin \(other)")
        }
        switch a["stroke-linecap"] ?? "butt" {
        case "butt": cairo.setLineCap(cr, 0)
        case "round": cairo.setLineCap(cr, 1)
        case "square": cairo.setLineCap(cr, 2)
        case let other: throw Unsupported(what: "stroke-linecap \(other)")
        }
        if let dashes = a["stroke-dasharray"], dashes != "none" {
            let lengths = dashes.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            lengths.withUnsafeBufferPointer { cairo.setDash(cr, $0.baseAddress, Int32($0.count), 0) }
        }
    }

    private func setColor(_ color: String, opacity: Double) throws(Unsupported) {
        var digits = Array(color.utf8.dropFirst())
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } } // #fff
        guard color.hasPrefix("#"), digits.count == 6, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) else {
            throw Unsupported(what: "the colour \(color)")
        }
        cairo.setSourceRGBA(cr, Double(value >> 16 & 0xFF) / 255, Double(value >> 8 & 0xFF) / 255, Double(value & 0xFF) / 255, opacity)
    }

    /// Text at its anchor; a background-coloured stroke (a halo) is drawn as an outline of the glyphs.
    private func text(_ content: String, _ a: [String: String], fonts: String) throws(Unsupported) {
        guard !content.isEmpty else { return }
        let chinese = content.unicodeScalars.contains { $0.value >= 0x2E80 }
        let family = FontChoice.shared.family(for: fonts, chinese: chinese)
        cairo.save(cr)
        defer { cairo.restore(cr) }
        family.withCString { cairo.selectFontFace(cr, $0, 0, a["font-weight"] == "bold" ? 1 : 0) }
        cairo.setFontSize(cr, number(a["font-size"], default: 16))
        var x = number(a["x"])
        let y = number(a["y"])
        var failure: Unsupported?
        content.withCString { utf8 in do throws(Unsupported) {
            let anchor = a["text-anchor"] ?? "start"
            if anchor != "start" {
                var extents = [Double](repeating: 0, count: 6)
                cairo.textExtents(cr, utf8, &extents)
                x -= anchor == "middle" ? extents[4] / 2 : extents[4]
            }
            let fill = a["fill"] ?? "#000000", stroke = a["stroke"] ?? "none"
            if stroke != "none" {
                cairo.moveTo(cr, x, y)
                cairo.textPath(cr, utf8)
                if fill != "none" { try setColor(fill, opacity: 1); cairo.fillPreserve(cr) }
                try setColor(stroke, opacity: 1)
                try setStrokeStyle(a)
                cairo.stroke(cr)
            } else if fill != "none" {
                try setColor(fill, opacity: number(a["fill-opacity"], default: 1))
                cairo.moveTo(cr, x, y)
                cairo.showText(cr, utf8)
            }
        } catch { failure = error } }
        if let failure { throw failure }
    }

    /// The path data `PathData` writes: M, L, H, V, Z and their relative forms.
    private func trace(_ d: String) throws(Unsupported) {
        var scanner = PathScanner(Array(d.utf8))
        var command: UInt8 = 0
        var x = 0.0, y = 0.0, startX = 0.0, startY = 0.0
        cairo.newPath(cr)
        while let token = scanner.next() {
            switch token {
            case .command(let c):
                command = c
                if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                    cairo.closePath(cr)
                    x = startX; y = startY
                }
            case .number(let first):
                switch command {
                case UInt8(ascii: "M"), UInt8(ascii: "m"), UInt8(ascii: "L"), UInt8(ascii: "l"):
                    guard case .number(let second)? = scanner.next() else { throw Unsupported(what: "the path \(d.prefix(40))") }
                    let relative = command == UInt8(ascii: "m") || command == UInt8(ascii: "l")
                    x = relative ? x + first : first
                    y = relative ? y + second : second
                    if command == UInt8(ascii: "M") || command == UInt8(ascii: "m") {
                        cairo.moveTo(cr, x, y)
                        startX = x; startY = y
                        command = command == UInt8(ascii: "M") ? UInt8(ascii: "L") : UInt8(ascii: "l") // later pairs are lines
                    } else {
                        cairo.lineTo(cr, x, y)
                    }
                case UInt8(ascii: "H"): x = first; cairo.lineTo(cr, x, y)
                case UInt8(ascii: "h"): x += first; cairo.lineTo(cr, x, y)
                case UInt8(ascii: "V"): y = first; cairo.lineTo(cr, x, y)
                case UInt8(ascii: "v"): y += first; cairo.lineTo(cr, x, y)
                default: throw Unsupported(what: "the path command \(Character(Unicode.Scalar(command))) in \(d.prefix(40))")
                }
            }
        }
    }

    private func number(_ text: String?, default value: Double = 0) -> Double { text.flatMap { Double($0) } ?? value }
}

/// The tags of an SVG document, in order: enough XML for what `SVGWriter` writes (double-quoted
/// attributes, no comments or CDATA, text only inside `<text>`, `<title>`, `<desc>` and `<style>`).
struct SVGTagReader {
    struct Tag {
        var name: String
        var attributes: [String: String]
        var isClose: Bool
        var selfCloses: Bool
    }

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Tag? {
        while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
        guard i < bytes.count else { return nil }
        i += 1
        let isClose = i < bytes.count && bytes[i] == UInt8(ascii: "/")
        if isClose { i += 1 }
        let nameStart = i
        while i < bytes.count, !" />\n\t".utf8.contains(bytes[i]) { i += 1 }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        var attributes: [String: String] = [:]
        var selfCloses = false
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: ">") { i += 1; break }
            if b == UInt8(ascii: "/") { selfCloses = true; i += 1; continue }
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t") { i += 1; continue }
            let keyStart = i
            while i < bytes.count && bytes[i] != UInt8(ascii: "=") && bytes[i] != UInt8(ascii: ">") { i += 1 }
            let key = String(decoding: bytes[keyStart..<i], as: UTF8.self)
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "\"") else { continue }
            i += 2
            let valueStart = i
            while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += 1 }
            attributes[key] = Escape.unescapeHTML(String(decoding: bytes[valueStart..<min(i, bytes.count)], as: UTF8.self))
            i += 1
        }
        return Tag(name: name, attributes: attributes, isClose: isClose, selfCloses: selfCloses)
    }

    /// The raw text up to `</name>`, which is consumed.
    mutating func content(of tag: Tag) -> String {
        guard !tag.selfCloses else { return "" }
        let close = Array("</\(tag.name)>".utf8)
        let start = i
        while i < bytes.count, !(bytes[i] == UInt8(ascii: "<") && bytes[i...].starts(with: close)) { i += 1 }
        let text = String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self)
        i = min(bytes.count, i + close.count)
        return text
    }

    mutating func skipContent(of tag: Tag) { _ = content(of: tag) }
}

/// Commands and numbers of SVG path data.
struct PathScanner {
    enum Token { case command(UInt8), number(Double) }

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Token? {
        while i < bytes.count && (bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: ",")) { i += 1 }
        guard i < bytes.count else { return nil }
        let b = bytes[i]
        if (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") && b != UInt8(ascii: "e")) {
            i += 1
            return .command(b)
        }
        let start = i
        i += 1 // a sign or the first digit
        while i < bytes.count {
            let c = bytes[i]
            if (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".") { i += 1; continue }
            if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { i += 1; if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }; continue }
            break
        }
        // "1.5.5" is two numbers in SVG; SVGWriter never writes it, so a second dot simply ends this one.
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        return Double(text).map { .number($0) } ?? .number(.nan)
    }
}
