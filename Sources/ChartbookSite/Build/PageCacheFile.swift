import Foundation

/// The page cache's file format: one line per field, tab-separated, free text escaped (`\\`, `\t`,
/// `\n`, `\r`). JSON through Foundation's coders took longer to read and write than an incremental
/// build spent rendering. Anything unexpected reads as an empty cache: nothing is reused.
///
///     chartbook-page-cache 3
///     R <record> <key> <charts>        one record (an issue stem, or "@index" …), then its lines:
///     F <path>                         a file it wrote
///     L <svg> <title> <width> <height> its lead chart
///     W <severity> <file> <line> <column> <message>
///     H <feed html>
///     S <digest> <id> <id> …           which catalog ids its partials name (see `PageCache.key`)
///     I <file identity> <body line> <body digest> <partials> <ids> <front matter ×7>   (see `IssueFacts`)
enum PageCacheFile {
    static let header = "chartbook-page-cache 3"

    static func encode(_ manifests: [String: PageCache.Manifest]) -> Data {
        var out: [UInt8] = Array((header + "\n").utf8)
        func line(_ fields: [String]) {
            for (n, field) in fields.enumerated() {
                if n > 0 { out.append(9) }
                append(escaping: field, to: &out)
            }
            out.append(10)
        }
        for name in manifests.keys.sorted() {
            guard let m = manifests[name] else { continue }
            line(["R", name, m.key, String(m.charts)])
            for file in m.files { line(["F", file]) }
            if let lead = m.lead { line(["L", lead.svgName, lead.title, String(lead.width), String(lead.height)]) }
            for w in m.warnings {
                line(["W", w.severity, w.file, w.line.map(String.init) ?? "-", w.column.map(String.init) ?? "-", w.message])
            }
            if let html = m.feedHTML { line(["H", html]) }
            if let scan = m.scan { line(["S", scan.digest] + scan.ids) }
            if let f = m.facts {
                line(["I", f.signature, String(f.bodyLine), f.bodyDigest, f.partials.joined(separator: "\u{1}"), f.ids.joined(separator: "\u{1}")]
                     + f.frontMatter)
            }
        }
        return Data(out)
    }

    static func decode(_ data: Data) -> [String: PageCache.Manifest]? {
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        guard lines.first.map({ String(decoding: $0, as: UTF8.self) }) == header else { return nil }
        if lines.last?.isEmpty == true { lines.removeLast() }
        var result: [String: PageCache.Manifest] = [:]
        var name: String?
        var current: PageCache.Manifest?
        func finish() { if let name, let current { result[name] = current } }
        for raw in lines.dropFirst() {
            let f = raw.split(separator: 9, omittingEmptySubsequences: false).map(unescape)
            switch (f.first, f.count) {
            case ("R", 4):
                finish()
                guard let charts = Int(f[3]) else { return nil }
                name = f[1]
                current = PageCache.Manifest(key: f[2], files: [], lead: nil, charts: charts, warnings: [], feedHTML: nil)
            case ("F", 2): guard current != nil else { return nil }; current?.files.append(f[1])
            case ("L", 5):
                guard current != nil, let width = Double(f[3]), let height = Double(f[4]) else { return nil }
                current?.lead = .init(svgName: f[1], title: f[2], width: width, height: height)
            case ("W", 6):
                guard current != nil else { return nil }
                current?.warnings.append(.init(severity: f[1], file: f[2], line: Int(f[3]), column: Int(f[4]), message: f[5]))
            case ("H", 2): guard current != nil else { return nil }; current?.feedHTML = f[1]
            case ("S", 2...): guard current != nil else { return nil }; current?.scan = .init(digest: f[1], ids: Array(f[2...]))
            case ("I", 13):
                guard current != nil, let bodyLine = Int(f[2]) else { return nil }
                let list = { (field: String) in field.isEmpty ? [] : field.components(separatedBy: "\u{1}") }
                current?.facts = IssueFacts(signature: f[1], bodyLine: bodyLine, bodyDigest: f[3], partials: list(f[4]), ids: list(f[5]),
                                            frontMatter: Array(f[6...]))
            default: return nil
            }
        }
        finish()
        return result
    }

    static func append(escaping text: String, to out: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case 92: out.append(92); out.append(92)
            case 9: out.append(92); out.append(116)
            case 10: out.append(92); out.append(110)
            case 13: out.append(92); out.append(114)
            default: out.append(b)
            }
        }
    }

    static func unescape(_ field: ArraySlice<UInt8>) -> String {
        guard field.contains(92) else { return String(decoding: field, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var escaped = false
        for b in field {
            if escaped {
                switch b {
                case 116: out.append(9)
                case 110: out.append(10)
                case 114: out.append(13)
                default: out.append(b)
                }
                escaped = false
            } else if b == 92 {
                escaped = true
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
