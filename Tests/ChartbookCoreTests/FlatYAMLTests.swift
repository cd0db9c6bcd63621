@testable import ChartbookCore
import Foundation
import Testing
import Yams

/// `FlatYAML` reads the common flat front matter and chart specs without Yams; whenever it accepts
/// a text, the tree it returns must be exactly Yams's (strings, plain style, lines and columns).
@Suite struct FlatYAMLTests {
    static func yams(_ text: String) -> YAMLNode? {
        guard let node = (try? Yams.compose(yaml: text)) ?? nil else { return nil }
        var budget = YAMLNode.Budget()
        return YAMLNode(node, budget: &budget)
    }

    /// Checks one text; returns whether the fast reader took it.
    @discardableResult
    static func agrees(_ text: String) -> Bool {
        guard let flat = FlatYAML.parse(text) else { return false }
        let reference = yams(text)
        #expect(reference == flat, "FlatYAML and Yams differ on \(text.debugDescription)")
        return true
    }

    @Test func readsTypicalFrontMatterAndChartSpecsLikeYams() {
        let accepted = [
            "title: 老二的宿命：日债遇冷如何震动全球资金\ndate: 2025-05-24\nas_of: 2025-05-23\ntags: [日本, 国债, carry trade]\n",
            "title: Series s1, chart 1\nsubtitle: Percent\nseries: [s1]",
            "\n\ntitle:   spaced   \nempty_list: []\nlist: [ a ,b,  c  ]\nurl: https://example.com/a#b\nratio: a:b\n",
            "summary: 30年期收益率 3.2% — a record\nnull_value: ~\nnumber: 1_000\n",
        ]
        for text in accepted { #expect(Self.agrees(text), "fast reader refused \(text.debugDescription)") }
        let refused = [
            "title: \"quoted\"", "title: 'single'", "# comment\ntitle: x", "title: x # note", "parent:\n  child: 1",
            "title: a\ntitle: b", "list:\n  - a", "title: |\n  block", "title: &a x", "title: *a", "title: !tag x",
            "title: a: b", "list: [a, [b]]", "list: [a: b]", "list: [a, ]", "title: x\r\n", "title:\tx", "---\ntitle: x",
            "title: a\u{85}b", "title: a\u{2028}b", "\u{FEFF}title: x", "title: -x", "key:", "Title : x", "",
        ]
        for text in refused { #expect(FlatYAML.parse(text) == nil, "fast reader took \(text.debugDescription)") }
    }

    /// Random lines over the characters that matter to YAML: whatever the fast reader accepts,
    /// Yams reads the same way.
    @Test func randomTextsAgreeWithYams() {
        var rng = SplitMix(seed: 7)
        let pieces = ["a", "b", "中", "é", " ", "  ", ":", ": ", "#", " #", "[", "]", ",", "-", "'", "\"", "~", "!", "&", "*",
                      "|", ">", "{", "}", "%", "@", "`", "?", "\t", "\u{85}", "\u{2028}", "\u{FFFE}", "\n", "1", "_", "key: ", "x: ["]
        var accepted = 0
        for _ in 0..<20_000 {
            var text = ["title: ", "k: ", "list: [", ""][Int(rng.next() % 4)]
            for _ in 0..<Int(rng.next() % 12) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if Self.agrees(text) { accepted += 1 }
        }
        #expect(accepted > 500) // the comparison means something only if many texts are taken
    }
}

/// A small seeded generator, so the random test is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
