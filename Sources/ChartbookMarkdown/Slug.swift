/// Turns heading text into a stable URL fragment: lower-case ASCII letters and digits, CJK kept,
/// everything else folded into single hyphens.
public enum Slug {
    public static func make(_ text: String) -> String {
        // UTF-8 bytes, made into a String once: appending to a String a scalar at a time was most
        // of the cost of rendering a long article's headings.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for scalar in text.unicodeScalars {
            let keep: Bool
            if scalar.isASCII {
                keep = (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") || (scalar >= "A" && scalar <= "Z")
            } else {
                keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            if keep {
                if pendingHyphen && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                if scalar.isASCII { out.append(UInt8(ascii: scalar).lowercasedASCII) } else { UTF8.encode(scalar) { out.append($0) } }
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "section" : String(decoding: out, as: UTF8.self)
    }
}

extension UInt8 {
    init(ascii scalar: Unicode.Scalar) { self = UInt8(scalar.value) }
    var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
}
