import ChartbookCore
import Testing

@Suite struct ContentDigestTests {
    static func xxh64(_ text: String, seed: UInt64 = 0) -> UInt64 {
        Array(text.utf8).withUnsafeBufferPointer { XXH64.hash($0, seed: seed) }
    }

    /// Reference values from the Python `xxhash` package, covering the short path, the 32-byte
    /// stripes, and the 8-, 4- and 1-byte tails.
    @Test func matchesReferenceXXH64() {
        #expect(Self.xxh64("") == 0xEF46_DB37_51D8_E999)
        #expect(Self.xxh64("a") == 0xD24E_C4F1_A98C_6E5B)
        #expect(Self.xxh64("abc") == 0x44BC_2CF5_AD77_0999)
        let fox = String(repeating: "The quick brown fox jumps over the lazy dog", count: 3)
        #expect(Self.xxh64(fox) == 0xC652_B4DB_FCD6_B853)
        #expect(Self.xxh64(fox, seed: 0x2545_F491_4F6C_DD1D) == 0x8C15_362C_4149_2DAF)
    }

    @Test func partBoundariesCount() {
        var a = ContentDigest(), b = ContentDigest(), c = ContentDigest()
        a.add(["ab", "c"]); b.add(["a", "bc"]); c.add(["ab", "c"])
        #expect(a.hex != b.hex)
        #expect(a.hex == c.hex)
        #expect(a.hex.count >= 33)
    }
}
