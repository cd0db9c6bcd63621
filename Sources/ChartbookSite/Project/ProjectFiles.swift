import ChartbookCore
import ChartbookData
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading a project's files: one way to read a text file of `Templates/` or `Data/` (checked to be
/// inside the project, a regular file, UTF-8, within size) and one way to load the catalog and its data.
extension Project {
    /// Templates and configuration larger than this are refused (a stray multi-gigabyte file
    /// should fail with a message, not exhaust memory).
    public static let maxTemplateBytes = 16 << 20

    /// A text file of the project: inside it, a regular file, within the size limit, UTF-8 (a byte-order
    /// mark dropped), one line ending, no control characters.
    public func readText(_ url: URL) throws(SourceError) -> String {
        let display = display(url)
        try checkInside(url, display: display)
        var data: [UInt8]
        do {
            data = try RegularFile.read(url.path, limit: Project.maxTemplateBytes)
        } catch let failure {
            if case .tooLarge(let size, _) = failure {
                throw SourceError(SourceLocation(file: display), "file is \(size) bytes; templates and settings may be at most \(Project.maxTemplateBytes) bytes")
            }
            throw SourceError(SourceLocation(file: display), "file \(failure)")
        }
        // A byte-order mark (some Windows editors write one) is not part of the text.
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw SourceError(SourceLocation(file: display, line: 1), "file is not valid UTF-8 text")
        }
        // Templates written on Windows: one line ending everywhere keeps line numbers and fences simple.
        let hasCR = data.withUnsafeBufferPointer { $0.baseAddress.map { memchr($0, 13, data.count) != nil } ?? false }
        let unified = hasCR ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        // Control characters (an escape sequence pasted from a terminal) cannot appear in HTML or XML: dropped.
        let hasControl = data.contains { $0 < 32 && $0 != 9 && $0 != 10 && $0 != 13 || $0 == 0x7F || $0 == 0xC2 }
        return hasControl ? Escape.plainText(unified) : unified
    }

    /// The catalog file.
    public var catalogURL: URL { data.appendingPathComponent("catalog.yaml") }

    /// `Data/catalog.yaml`, parsed, and its text (part of every page's cache key).
    public func loadCatalog() throws(SourceError) -> (catalog: Catalog, text: String) {
        let text = try readText(catalogURL)
        return (try Catalog(yaml: text, path: display(catalogURL)), text)
    }

    /// Every file the catalog names, read by its reader (problems collected into `problems`, or the
    /// first one thrown); `cache` keeps parsed files between builds.
    public func loadData(_ catalog: Catalog, problems: ProblemSink = ProblemSink(mode: .failFast), cache: ParsedDataCache? = nil) throws(SourceError) -> DataStore {
        try DataStore.load(catalog: catalog, dataDirectory: data, displayPrefix: "Data/", problems: problems, cache: cache)
    }
}
