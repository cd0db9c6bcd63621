/// A 128-bit digest of text, for cache keys that must change whenever their inputs do: two XXH64
/// hashes (different seeds) of the parts, each part followed by a 0xFF byte, which never occurs
/// in UTF-8, so `["ab", "c"]` and `["a", "bc"]` differ. XXH64 reads eight bytes at a time; the
/// byte-at-a-time FNV this replaced was the largest cost of an incremental build.
public struct ContentDigest: Sendable {
    private var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(64 << 10) }

    /// Adds one part.
    public mutating func add(_ part: String) {
        bytes.append(contentsOf: part.utf8)
        bytes.append(0xFF)
    }

    public mutating func add(_ parts: [String]) { for part in parts { add(part) } }

    /// Adds raw bytes (a file's contents), which may hold 0xFF: add them last, after every text part.
    public mutating func add<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        bytes.withContiguousStorageIfAvailable { self.bytes.append(contentsOf: $0) } ?? self.bytes.append(contentsOf: bytes)
        self.bytes.append(0xFF)
    }

    /// The digest as 32 hex digits (plus the input's length, so keys also differ by size).
    public var hex: String {
        bytes.withUnsafeBufferPointer { buffer in
            ContentDigest.hex(XXH64.hash(buffer, seed: 0)) + ContentDigest.hex(XXH64.hash(buffer, seed: 0x2545_F491_4F6C_DD1D))
                + String(buffer.count, radix: 16)
        }
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// The XXH64 hash (Yann Collet's xxHash, 64-bit variant), written from its specification.
public enum XXH64 {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        rotl(acc &+ lane &* p2, 31) &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* p1 &+ p4
    }

    public static func hash(_ input: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        let raw = UnsafeRawBufferPointer(input)
        let n = raw.count
        var i = 0
        var h: UInt64
        @inline(__always) func word(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        if n >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while i + 32 <= n {
                v1 = round(v1, word(i)); v2 = round(v2, word(i + 8))
                v3 = round(v3, word(i + 16)); v4 = round(v4, word(i + 24))
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h &+= UInt64(n)
        while i + 8 <= n {
            h ^= round(0, word(i))
            h = rotl(h, 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= n {
            h ^= UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            i += 4
        }
        while i < n {
            h ^= UInt64(raw[i]) &* p5
            h = rotl(h, 11) &* p1
            i += 1
        }
        h ^= h >> 33; h &*= p2
        h ^= h >> 29; h &*= p3
        h ^= h >> 32
        return h
    }
}
