import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The character encodings a data file may be declared in. Japanese government files come in
/// CP932 (Microsoft's Shift_JIS); everything else we read is UTF-8.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case cp932
    case latin1 = "latin-1"

    public init?(name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "cp932", "shift-jis", "shiftjis", "sjis", "windows-31j", "ms932": self = .cp932
        case "latin-1", "latin1", "iso-8859-1": self = .latin1
        default: return nil
        }
    }

    /// Decodes `data`, refusing invalid bytes rather than replacing them; the error names the file
    /// and the line of the first bad byte.
    public func decode(_ data: Data, file: String) throws(SourceError) -> String {
        switch self {
        case .utf8:
            guard let text = String(bytes: data, encoding: .utf8) else { throw TextEncoding.badByte(data, file: file, encoding: self) }
            return text
        case .latin1:
            return String(decoding: data.map { UInt16($0) }, as: UTF16.self)
        case .cp932:
            guard let text = TextEncoding.iconv(data, from: "CP932") else {
                throw SourceError(SourceLocation(file: file, line: 1), "file is not valid CP932 (Shift_JIS) text")
            }
            return text
        }
    }

    static func badByte(_ data: Data, file: String, encoding: TextEncoding) -> SourceError {
        // Find the first line that does not decode, to point at it.
        var line = 1
        var start = data.startIndex
        for i in data.indices where data[i] == 10 {
            if String(bytes: data[start..<i], encoding: .utf8) == nil { break }
            line += 1
            start = i + 1
        }
        return SourceError(SourceLocation(file: file, line: line),
                           "file is not valid \(encoding.rawValue) text; declare its encoding in the catalog (e.g. encoding: cp932)")
    }

    /// Converts with the C library's iconv, which knows CP932's vendor characters.
    static func iconv(_ data: Data, from encoding: String) -> String? {
        #if canImport(Glibc)
        let cd = iconv_open("UTF-8", encoding)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { raw in _ = memcpy(&input, raw.baseAddress!, data.count) }
        var output = [CChar](repeating: 0, count: data.count * 3 + 16)
        let ok: Bool = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
                var outLeft = outBuf.count
                let result = Glibc.iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return result != -1 && inLeft == 0
            }
        }
        guard ok, let end = output.firstIndex(of: 0) ?? Optional(output.count) else { return nil }
        return String(decoding: output[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        return String(data: data, encoding: .shiftJIS)
        #endif
    }
}
