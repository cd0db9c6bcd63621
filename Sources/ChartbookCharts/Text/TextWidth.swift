/// Estimates how wide a label will be without a font engine: Helvetica/Arial advance widths for
/// Latin text and a full em for East Asian wide characters. Errs a little wide rather than clip.
public enum TextWidth {
    /// Width in px of `text` at `fontSize` px; `bold` adds the usual ~7 %.
    public static func of(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var units = 0.0
        for scalar in text.unicodeScalars { units += advance(scalar) }
        return units / 1000 * fontSize * (bold ? 1.07 : 1.0) * 1.03
    }

    /// Advance width of one character in 1/1000 em.
    static func advance(_ scalar: Unicode.Scalar) -> Double {
        let v = scalar.value
        if v < 128 { return ascii[Int(v)] }
        if isWide(v) { return 1000 }
        return 600
    }

    /// East Asian Wide and Fullwidth ranges (UAX #11), the ones a Chinese or Japanese label uses.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Arial advance widths for ASCII 0–127 (per 1000 em); control characters count as zero.
    static let ascii: [Double] = {
        var table = [Double](repeating: 556, count: 128)
        for i in 0..<32 { table[i] = 0 }
        let groups: [(String, Double)] = [
            (" .,:;/!|'ftI[]\\", 278), ("ijl", 222), ("-()r`", 333), ("\"", 355), ("*", 389),
            ("cksvxyzJ", 500), ("^", 469), ("{}", 334), ("=~+<>", 584), ("%", 889), ("&", 667),
            ("mM", 833), ("wCDHNRU", 722), ("ABEKPSVXY", 667), ("FTZ", 611), ("GOQ", 778), ("W", 944), ("@", 1015),
        ]
        for (chars, width) in groups { for c in chars.unicodeScalars { table[Int(c.value)] = width } }
        return table
    }()

    /// Splits `text` into lines no wider than `maxWidth`, breaking at spaces, or between any two
    /// wide (CJK) characters.
    public static func wrap(_ text: String, fontSize: Double, maxWidth: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        var pieces: [String] = []
        var word = ""
        for ch in text {
            if ch == " " { word.append(ch); pieces.append(word); word = ""; continue }
            if ch.unicodeScalars.first.map({ isWide($0.value) }) == true {
                if !word.isEmpty { pieces.append(word); word = "" }
                pieces.append(String(ch))
                continue
            }
            word.append(ch)
        }
        if !word.isEmpty { pieces.append(word) }
        for piece in pieces {
            let candidate = current + piece
            if !current.isEmpty && of(candidate.trimmingTrailingSpaces, fontSize: fontSize, bold: bold) > maxWidth {
                lines.append(current.trimmingTrailingSpaces)
                current = piece
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current.trimmingTrailingSpaces) }
        return lines
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
