import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which installed font draws a chart's text in a PNG: the first family of the chart's
/// `font-family` list that fontconfig has (as a browser picks it), and for Chinese text the first
/// that has Chinese glyphs. Worked out once per list, since asking fontconfig is slow.
final class FontChoice: @unchecked Sendable {
    static let shared = FontChoice()

    private let lock = NSLock()
    private var chosen: [String: String] = [:]
    private let fontconfig = Fontconfig.load()

    /// The family for `text` from the CSS list `families` (e.g. `'Helvetica Neue', Arial, sans-serif`).
    func family(for families: String, chinese: Bool) -> String {
        let key = (chinese ? "zh:" : "latin:") + families
        lock.lock()
        defer { lock.unlock() }
        if let known = chosen[key] { return known }
        let names = families.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " '\"")) }
        var pick = chinese ? "Noto Sans CJK SC" : "sans-serif"
        if let fontconfig {
            for name in names where !name.isEmpty {
                if ["sans-serif", "serif", "monospace"].contains(name) { pick = name; break }
                if fontconfig.has(family: name, chinese: chinese) { pick = name; break }
            }
        }
        chosen[key] = pick
        return pick
    }

    /// The fontconfig calls that tell whether a family is installed.
    private struct Fontconfig {
        let nameParse: @convention(c) (UnsafePointer<CChar>) -> OpaquePointer?
        let configSubstitute: @convention(c) (OpaquePointer?, OpaquePointer, Int32) -> Int32
        let defaultSubstitute: @convention(c) (OpaquePointer) -> Void
        let fontMatch: @convention(c) (OpaquePointer?, OpaquePointer, UnsafeMutablePointer<Int32>) -> OpaquePointer?
        let getString: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Int32
        let destroy: @convention(c) (OpaquePointer) -> Void
        let getLangSet: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<OpaquePointer?>) -> Int32
        let langSetHasLang: @convention(c) (OpaquePointer, UnsafePointer<CChar>) -> Int32

        static func load() -> Fontconfig? {
            guard let lib = dlopen("libfontconfig.so.1", RTLD_NOW) else { return nil }
            func f<T>(_ name: String) -> T? { dlsym(lib, name).map { unsafeBitCast($0, to: T.self) } }
            guard let nameParse: @convention(c) (UnsafePointer<CChar>) -> OpaquePointer? = f("FcNameParse"),
                  let configSubstitute: @convention(c) (OpaquePointer?, OpaquePointer, Int32) -> Int32 = f("FcConfigSubstitute"),
                  let defaultSubstitute: @convention(c) (OpaquePointer) -> Void = f("FcDefaultSubstitute"),
                  let fontMatch: @convention(c) (OpaquePointer?, OpaquePointer, UnsafeMutablePointer<Int32>) -> OpaquePointer? = f("FcFontMatch"),
                  let getString: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>) -> Int32 = f("FcPatternGetString"),
                  let destroy: @convention(c) (OpaquePointer) -> Void = f("FcPatternDestroy"),
                  let getLangSet: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32, UnsafeMutablePointer<OpaquePointer?>) -> Int32 = f("FcPatternGetLangSet"),
                  let langSetHasLang: @convention(c) (OpaquePointer, UnsafePointer<CChar>) -> Int32 = f("FcLangSetHasLang")
            else { return nil }
            return Fontconfig(nameParse: nameParse, configSubstitute: configSubstitute, defaultSubstitute: defaultSubstitute,
                              fontMatch: fontMatch, getString: getString, destroy: destroy, getLangSet: getLangSet, langSetHasLang: langSetHasLang)
        }

        /// What fontconfig gives for a family it does not know: its last resort.
        var fallback: String? { matched("chartbook-no-such-family") }

        /// The family fontconfig draws `family` with (itself, or a metric-compatible alias such
        /// as Liberation Sans for Arial, as browsers and pango use), or nil.
        func matched(_ family: String) -> String? {
            best(family) { match in
                var found: UnsafePointer<CChar>?
                guard getString(match, "family", 0, &found) == 0, let found else { return nil }
                return String(cString: found)
            }
        }

        /// Whether the family is installed, or stands for one that is (not fontconfig's last resort),
        /// and, when asked, has Chinese glyphs: a Latin font named first would draw Chinese as empty boxes.
        func has(family: String, chinese: Bool) -> Bool {
            guard let drawnWith = matched(family), drawnWith.caseInsensitiveCompare(family) == .orderedSame || drawnWith != fallback else { return false }
            guard chinese else { return true }
            return best(family, language: "zh-cn") { match in
                var languages: OpaquePointer?
                guard getLangSet(match, "lang", 0, &languages) == 0, let languages else { return false }
                return langSetHasLang(languages, "zh-cn") <= 1 // FcLangEqual or FcLangDifferentTerritory
            } ?? false
        }

        /// `read` of fontconfig's best match for the family (and language).
        private func best<T>(_ family: String, language: String? = nil, _ read: (OpaquePointer) -> T?) -> T? {
            let escaped = family.replacingOccurrences(of: "-", with: "\\-").replacingOccurrences(of: ":", with: "\\:")
            guard let pattern = nameParse(escaped + (language.map { ":lang=" + $0 } ?? "")) else { return nil }
            defer { destroy(pattern) }
            _ = configSubstitute(nil, pattern, 0) // FcMatchPattern
            defaultSubstitute(pattern)
            var result: Int32 = 0
            guard let match = fontMatch(nil, pattern, &result) else { return nil }
            defer { destroy(match) }
            return read(match)
        }
    }
}
