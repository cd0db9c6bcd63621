import Foundation

/// The page cache's file format: one line per field, tab-separated, free text escaped (`\\`, `\t`,
/// `\n`, `\r`). JSON through Foundation's coders took longer to read and write than an incremental
/// build spent rendering. Anything unexpected reads as an empty cache: nothing is reused.
///
///     chartbook-page-cache 7
///     R <record> <key> <charts>        one record (an issue stem, "@index" …, or "@output", whose key is
///                                      the device:inode of the output folder the records describe), then its lines:
///     F <path> <path> …                the files it wrote
///     L <svg> <title> <width> <height> its lead chart
///     W <severity> <file> <line> <column> <message>
///     H <feed html>
///     S <digest> <id> <id> …           which catalog ids its partials name (see `PageRecords.key`)
///     Y <token>                        its folder, in step with the spare's (see `OutputSink.FolderPair`)
///     I <file identity> <body line> <body digest> <partials> <ids> <front matter ×8>   (see `IssueFacts`)
enum PageRecordFile {
    static let header = "chartbook-page-cache 7"

    static func encode(_ manifests: [String: PageRecord]) -> Data {
        file(records(manifests))
    }

    /// The record lines of `manifests`, by name; files are the header and any such runs, in any order.
    static func records(_ manifests: [String: PageRecord]) -> [UInt8] {
        var out: [UInt8] = []
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
            if !m.files.isEmpty { line(["F"] + m.files) }
            if let lead = m.lead { line(["L", lead.svgName, lead.title, String(lead.width), String(lead.height)]) }
            for w in m.warnings {
                line(["W", w.severity, w.file, w.line.map(String.init) ?? "-", w.column.map(String.init) ?? "-", w.message])
            }
            if let html = m.feedHTML { line(["H", html]) }
            if let scan = m.scan { line(["S", scan.digest] + scan.ids) }
            if let sync = m.sync { line(["Y", sync]) }
            if let f = m.facts {
                line(["I", f.signature, String(f.bodyLine), f.bodyDigest, f.partials.joined(separator: "\u{1}"), f.ids.joined(separator: "\u{1}")]
                     + f.frontMatter)
            }
        }
        return out
    }

    /// A whole file from runs of record lines (see `records`), in any order.
    static func file(_ runs: [UInt8]...) -> Data {
        var out = Array((header + "\n").utf8)
        for run in runs { out += run }
        return Data(out)
    }

    static func decode(_ data: Data) -> [String: PageRecord]? {
        [UInt8](data).withUnsafeBufferPointer(decode)
    }

    /// Reads the lines in place: fields become strings straight from the buffer, and one list of
    /// fields is reused from line to line (the file has a line per output file, ten thousand of them).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: PageRecord]? {
        let n = bytes.count
        var lineStart = 0
        guard let firstEnd = (0..<n).first(where: { bytes[$0] == 10 }),
              String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<firstEnd]), as: UTF8.self) == header else { return nil }
        lineStart = firstEnd + 1
        var result: [String: PageRecord] = [:]
        var name: String?
        var current: PageRecord?
        func finish() { if let name, let current { result[name] = current } }
        var f: [String] = []
        f.reserveCapacity(16)
        while lineStart < n {
            var end = lineStart
            while end < n && bytes[end] != 10 { end += 1 }
            f.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for i in lineStart...end where i == end || bytes[i] == 9 {
                f.append(unescape(UnsafeBufferPointer(rebasing: bytes[fieldStart..<i])))
                fieldStart = i + 1
            }
            lineStart = end + 1
            switch (f[0], f.count) {
            case ("R", 4):
                finish()
                guard let charts = Int(f[3]) else { return nil }
                name = f[1]
                current = PageRecord(key: f[2], files: [], lead: nil, charts: charts, warnings: [], feedHTML: nil)
            case ("F", 2...): guard current != nil else { return nil }; current?.files = Array(f[1...])
            case ("L", 5):
                guard current != nil, let width = Double(f[3]), let height = Double(f[4]) else { return nil }
                current?.lead = .init(svgName: f[1], title: f[2], width: width, height: height)
            case ("W", 6):
                guard current != nil else { return nil }
                current?.warnings.append(.init(severity: f[1], file: f[2], line: Int(f[3]), column: Int(f[4]), message: f[5]))
            case ("H", 2): guard current != nil else { return nil }; current?.feedHTML = f[1]
            case ("Y", 2): guard current != nil else { return nil }; current?.sync = f[1]
            case ("S", 2...): guard current != nil else { return nil }; current?.scan = .init(digest: f[1], ids: Array(f[2...]))
            case ("I", 14):
                guard current != nil, let bodyLine = Int(f[2]) else { return nil }
                let list = { (field: String) in field.isEmpty ? [] : field.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init) }
                current?.facts = IssueFacts(signature: f[1], bodyLine: bodyLine, bodyDigest: f[3], partials: list(f[4]), ids: list(f[5]),
                                            frontMatter: Array(f[6...]))
            default: return nil
            }
        }
        finish()
        return result
    }

    static func append(escaping text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Runs without a byte to escape are copied whole (most fields are one run).
            var run = 0
            for i in bytes.indices {
                let escaped: UInt8
                switch bytes[i] {
                case 92: escaped = 92
                case 9: escaped = 116
                case 10: escaped = 110
                case 13: escaped = 114
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                out.append(92); out.append(escaped)
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }

    static func unescape(_ field: UnsafeBufferPointer<UInt8>) -> String {
        guard field.contains(92) else { return String(decoding: field, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var run = 0, i = 0
        while i < field.count {
            guard field[i] == 92 else { i += 1; continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: field[run..<i]))
            if i + 1 < field.count {
                switch field[i + 1] {
                case 116: out.append(9)
                case 110: out.append(10)
                case 114: out.append(13)
                default: out.append(field[i + 1])
                }
            }
            i += 2
            run = i
        }
        if run < field.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: field[run...])) }
        return String(decoding: out, as: UTF8.self)
    }
}
