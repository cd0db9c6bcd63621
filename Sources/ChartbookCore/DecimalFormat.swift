/// Fixed-point number formatting without Foundation's `String(format:)`, which is slow on Linux and
/// whose output we want to be identical on every platform for byte-identical builds.
public enum DecimalFormat {
    /// `value` rounded half away from zero to `decimals` places, with `-0` normalised to `0`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "Inf") }
        let places = max(0, min(decimals, 12))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        // Nudge by a relative epsilon so 2.675 (stored as 2.67499…) rounds as written.
        let scaled = (abs(value) * scale * (1 + 1e-12)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(value) }
        let integer = Int64(scaled)
        let negative = value < 0 && integer != 0
        var digits = String(integer)
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return negative ? "-" + digits : digits
    }

    /// Like `fixed` but without trailing zeros (`2.50` → `2.5`, `3.000` → `3`).
    public static func trimmed(_ value: Double, maxDecimals: Int) -> String {
        var text = fixed(value, decimals: maxDecimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// Inserts thousands separators into the integer part (`1135.0` → `1,135.0`).
    /// An axis label: fixed decimals, thousands grouped ("1,500"), and a true minus sign ("−10", U+2212)
    /// as the prose writes it, never a hyphen; zero has no sign.
    public static func tick(_ value: Double, decimals: Int) -> String {
        var text = grouped(fixed(value, decimals: decimals))
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            text = digits.allSatisfy({ $0 == "0" || $0 == "." || $0 == "," }) ? String(digits) : "\u{2212}" + digits
        }
        return text
    }

    public static func grouped(_ text: String, separator: Character = ",") -> String {
        var sign = "", body = Substring(text)
        if body.hasPrefix("-") || body.hasPrefix("+") { sign = String(body.removeFirst()) }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integer = Array(parts[0])
        var out: [Character] = []
        while integer.count > 3 {
            out.insert(contentsOf: [separator] + integer.suffix(3), at: 0)
            integer.removeLast(3)
        }
        out.insert(contentsOf: integer, at: 0)
        return sign + String(out) + (parts.count > 1 ? "." + parts[1] : "")
    }
}

extension DecimalFormat {
    /// Appends `fixed(value, decimals:)` as UTF-8 bytes without building a String: for writers of
    /// thousands of numbers (chart CSVs).
    public static func appendFixed(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
        let places = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale * (1 + 1e-12)).rounded(.toNearestOrAwayFromZero)
        guard value.isFinite, scaled < 9e15 else { bytes.append(contentsOf: fixed(value, decimals: decimals).utf8); return }
        let n = Int64(scaled)
        if value < 0 && n != 0 { bytes.append(45) }
        // Digits from the most significant, with at least one before the decimal point.
        var count = 1
        var power: Int64 = 10
        while power <= n && count < 18 { power *= 10; count += 1 }
        let total = max(count, places + 1)
        var divisor: Int64 = 1
        for _ in 1..<total { divisor *= 10 }
        for k in stride(from: total - 1, through: 0, by: -1) {
            bytes.append(UInt8(48 + (n / divisor) % 10))
            if k == places && places > 0 { bytes.append(46) }
            divisor /= 10
        }
    }
}

extension Day {
    /// Appends `YYYY-MM-DD` as UTF-8 bytes.
    public func appendISO(to bytes: inout [UInt8]) {
        let (y, m, d) = components
        bytes.append(UInt8(48 + y / 1000 % 10)); bytes.append(UInt8(48 + y / 100 % 10)); bytes.append(UInt8(48 + y / 10 % 10)); bytes.append(UInt8(48 + y % 10))
        bytes.append(45); bytes.append(UInt8(48 + m / 10)); bytes.append(UInt8(48 + m % 10))
        bytes.append(45); bytes.append(UInt8(48 + d / 10)); bytes.append(UInt8(48 + d % 10))
    }
}
