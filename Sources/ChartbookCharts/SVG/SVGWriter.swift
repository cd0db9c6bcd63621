import ChartbookCore

/// Builds SVG text with escaped content and compact, platform-independent number formatting,
/// so the same chart always produces the same bytes. Writes bytes, not Strings: drawing a 30-year
/// daily chart formats thousands of coordinates.
public struct SVGWriter: Sendable {
    private var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(32_768) }

    /// The SVG written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends raw markup the writer produced itself.
    public mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// Opens `<name attr="…">` (or self-closes with `close: true`); attribute values are escaped.
    public mutating func open(_ name: String, _ attributes: [(String, String)] = [], close: Bool = false) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        appendAttributes(attributes)
        if close { bytes.append(UInt8(ascii: "/")) }
        bytes.append(UInt8(ascii: ">"))
    }

    public mutating func close(_ name: String) {
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// A whole element holding escaped text.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
        open(name, attributes)
        appendEscaped(content)
        close(name)
    }

    /// A `<path>` whose `d` was built with a `PathData`, plus other attributes.
    public mutating func path(_ d: PathData, _ attributes: [(String, String)]) {
        bytes.append(contentsOf: "<path d=\"".utf8)
        bytes.append(contentsOf: d.bytes)
        bytes.append(UInt8(ascii: "\""))
        appendAttributes(attributes)
        bytes.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">")])
    }

    private mutating func appendAttributes(_ attributes: [(String, String)]) {
        for (key, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: key.utf8)
            bytes.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            appendEscaped(value)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        _ = value.withUTF8 { Escape.xml($0, into: &bytes) }
    }

    /// Escapes text for XML content and attribute values (see `Escape.xml`).
    public static func escape(_ value: String) -> String { Escape.xml(value) }

    /// A coordinate rounded to 0.1 px with no trailing zeros (`12.0` → `12`), which keeps paths small.
    public static func number(_ value: Double) -> String {
        var d = PathData()
        d.number(value)
        return String(decoding: d.bytes, as: UTF8.self)
    }
}

/// Path data (`M10,20L30.5,40…`) written straight into bytes, coordinates at 0.1 px.
public struct PathData: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public var isEmpty: Bool { bytes.isEmpty }

    public mutating func command(_ c: UInt8) { bytes.append(c) }

    public mutating func move(_ x: Double, _ y: Double) { bytes.append(77); number(x); bytes.append(44); number(y) } // M x,y
    public mutating func line(_ x: Double, _ y: Double) { bytes.append(76); number(x); bytes.append(44); number(y) } // L x,y
    public mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
    public mutating func append(_ other: PathData) { bytes.append(contentsOf: other.bytes) }

    /// Writes `value` rounded half away from zero to one decimal, without a trailing `.0`.
    public mutating func number(_ value: Double) {
        guard value.isFinite, abs(value) < 1e15 else { bytes.append(48); return }
        let tenths = Int((abs(value) * 10).rounded(.toNearestOrAwayFromZero))
        if value < 0 && tenths != 0 { bytes.append(45) }
        let integer = tenths / 10, fraction = tenths % 10
        if integer < 10_000 {
            // Pixel coordinates: divisions by constants, which compile to multiplications (a
            // 30-year chart formats thousands of these).
            if integer >= 1000 { bytes.append(UInt8(truncatingIfNeeded: 48 + integer / 1000)) }
            if integer >= 100 { bytes.append(UInt8(truncatingIfNeeded: 48 + integer / 100 % 10)) }
            if integer >= 10 { bytes.append(UInt8(truncatingIfNeeded: 48 + integer / 10 % 10)) }
            bytes.append(UInt8(truncatingIfNeeded: 48 + integer % 10))
        } else {
            var divisor = 1
            while divisor * 10 <= integer { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(truncatingIfNeeded: 48 + (integer / divisor) % 10))
                divisor /= 10
            }
        }
        if fraction != 0 {
            bytes.append(46)
            bytes.append(UInt8(truncatingIfNeeded: 48 + fraction))
        }
    }
}
