import ChartbookCore

/// Builds SVG text with escaped content and compact, platform-independent number formatting,
/// so the same chart always produces the same bytes.
public struct SVGWriter: Sendable {
    public private(set) var text = ""

    public init() { text.reserveCapacity(16_384) }

    /// Appends raw markup the writer produced itself.
    public mutating func raw(_ markup: String) { text += markup }

    /// Opens `<name attr="…">` (or self-closes with `close: true`); attribute values are escaped.
    public mutating func open(_ name: String, _ attributes: [(String, String)] = [], close: Bool = false) {
        text += "<" + name
        for (key, value) in attributes { text += " " + key + "=\"" + SVGWriter.escape(value) + "\"" }
        text += close ? "/>" : ">"
    }

    public mutating func close(_ name: String) { text += "</" + name + ">" }

    /// A whole element holding escaped text.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
        open(name, attributes)
        text += SVGWriter.escape(content)
        close(name)
    }

    /// Escapes text for XML content and attribute values; control characters that XML 1.0 forbids are dropped.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate rounded to 0.1 px with no trailing zeros (`12.0` → `12`), which keeps paths small.
    public static func number(_ value: Double) -> String { DecimalFormat.trimmed(value, maxDecimals: 1) }
}
