import ChartbookCore
import Foundation

/// Keeps what a reader made of each data file between builds, so an unchanged file is not parsed
/// again (parsing is most of loading; reading and hashing the bytes is cheap). A record is found by
/// a digest of the file's bytes and of everything that says how to read it (reader, options,
/// selections, the caller's `salt`, e.g. the program's identity), never by name or date: a hit is
/// the very same input read the very same way. Only reads that reported no problem are kept.
public struct ParsedDataCache: Sendable {
    public let folder: URL
    /// Mixed into every key: whatever else, outside the file and catalog, decides what a read gives.
    public let salt: String

    public init(folder: URL, salt: String) {
        self.folder = folder
        self.salt = salt
    }

    /// The key of one file's read.
    func key(bytes: Data, file: DataFile, selections: [SeriesSelection]) -> String {
        var digest = ContentDigest()
        digest.add(salt)
        digest.add([file.reader, file.options.encoding.rawValue, String(file.options.delimiter), file.options.dateFormat?.rawValue ?? "-",
                    String(file.options.decimalMark), file.options.dateColumn ?? "-"])
        for s in selections {
            digest.add([s.id, s.column ?? "-"] + s.filter.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] })
        }
        digest.add(bytes: bytes)
        return digest.hex
    }

    /// One record per data file, named after its path, holding the key it was made for.
    func url(for path: String) -> URL {
        folder.appendingPathComponent(path.replacingOccurrences(of: "/", with: "%") + ".series")
    }

    /// The series read last time from the same bytes the same way; nil when there is no such record.
    func load(path: String, key: String) -> [String: Series]? {
        guard let data = FileManager.default.contents(atPath: url(for: path).path) else { return nil }
        return SeriesRecord.decode(data, key: key)
    }

    func save(path: String, key: String, series: [String: Series]) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? SeriesRecord.encode(series, key: key).write(to: url(for: path), options: .atomic)
    }
}

/// The binary layout of a cached read: a header line, the key line, then per series (by id) its
/// id, its length, the days, the values' bits and the source lines, as little-endian integers.
enum SeriesRecord {
    static let header = "chartbook-series 1\n"

    static func encode(_ series: [String: Series], key: String) -> Data {
        var out = Array((header + key + "\n").utf8)
        out.reserveCapacity(out.count + series.values.reduce(64) { $0 + 64 + $1.count * 24 })
        /// Whole arrays at a time, as little-endian 64-bit integers.
        func ints(_ values: [UInt64]) { values.map { $0.littleEndian }.withUnsafeBytes { out.append(contentsOf: $0) } }
        ints([UInt64(series.count)])
        for (id, s) in series.sorted(by: { $0.key < $1.key }) {
            let name = Array(id.utf8)
            ints([UInt64(name.count)]); out.append(contentsOf: name)
            ints([UInt64(s.count)])
            ints(s.days.map { UInt64(bitPattern: Int64($0.ordinal)) })
            ints(s.values.map { $0.bitPattern })
            ints([UInt64(s.sourceLines.count)])
            ints(s.sourceLines.map { UInt64(bitPattern: Int64($0)) })
        }
        return Data(out)
    }

    /// The series, or nil if the record is for another key or is damaged in any way.
    static func decode(_ data: Data, key: String) -> [String: Series]? {
        let prefix = Array((header + key + "\n").utf8)
        return data.withUnsafeBytes { raw -> [String: Series]? in
            guard raw.count >= prefix.count, raw.prefix(prefix.count).elementsEqual(prefix) else { return nil }
            var at = prefix.count
            func int() -> UInt64? {
                guard at + 8 <= raw.count else { return nil }
                defer { at += 8 }
                return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            }
            /// A count that the rest of the record can hold (`size` bytes each).
            func count(_ size: Int) -> Int? {
                guard let n = int(), n <= UInt64(raw.count - at) / UInt64(size) else { return nil }
                return Int(n)
            }
            guard let seriesCount = count(8) else { return nil }
            var result: [String: Series] = [:]
            for _ in 0..<seriesCount {
                guard let nameLength = count(1) else { return nil }
                let id = String(decoding: UnsafeRawBufferPointer(rebasing: raw[at..<(at + nameLength)]), as: UTF8.self)
                at += nameLength
                guard let n = count(16) else { return nil }
                var days: [Day] = [], values: [Double] = []
                days.reserveCapacity(n); values.reserveCapacity(n)
                for _ in 0..<n { guard let d = int() else { return nil }; days.append(Day(ordinal: Int(Int64(bitPattern: d)))) }
                for _ in 0..<n { guard let v = int() else { return nil }; values.append(Double(bitPattern: v)) }
                guard let lineCount = count(8), lineCount == 0 || lineCount == n else { return nil }
                var lines: [Int32] = []
                lines.reserveCapacity(lineCount)
                for _ in 0..<lineCount { guard let l = int() else { return nil }; lines.append(Int32(truncatingIfNeeded: Int64(bitPattern: l))) }
                result[id] = Series(id: id, days: days, values: values, sourceLines: lines)
            }
            return at == raw.count ? result : nil
        }
    }
}
