import ChartbookCore
import ChartbookData
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds which catalog ids occur as whole words in texts. Ids are grouped by length, as bytes, in
/// an array indexed by length: a word is compared only with ids of its own length, with no String
/// and no hashing per word (an issue has thousands of words, an archive thousands of issues).
struct IdentifierScan {
    private var byLength: [[(String, [UInt8])]]

    init(catalogIDs: [String]) {
        let longest = catalogIDs.map(\.utf8.count).max() ?? 0
        byLength = Array(repeating: [], count: longest + 1)
        for id in catalogIDs { byLength[id.utf8.count].append((id, Array(id.utf8))) }
    }

    func ids(in texts: [String]) -> Set<String> {
        var found = Set<String>()
        for var text in texts {
            text.withUTF8 { bytes in
                IdentifierScan.wordBytes.withUnsafeBufferPointer { isWord in
                    let n = bytes.count
                    var i = 0
                    while i < n {
                        while i < n && !isWord[Int(bytes[i])] { i += 1 } // prose, Chinese, punctuation
                        let start = i
                        while i < n && isWord[Int(bytes[i])] { i += 1 }
                        let length = i - start
                        guard length > 0, length < byLength.count else { continue }
                        for (id, idBytes) in byLength[length] where UnsafeBufferPointer(rebasing: bytes[start..<i]).elementsEqual(idBytes) {
                            found.insert(id)
                        }
                    }
                }
            }
        }
        return found
    }

    /// ASCII letters, digits and `_`: the bytes an id is made of.
    static let wordBytes: [Bool] = (0..<256).map { b in (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b) || b == 95 }
}
