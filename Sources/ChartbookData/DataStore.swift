import ChartbookCore
import Foundation

/// Every series of a catalog, read from `Data/` once per build and shared by all issues.
public struct DataStore: Sendable {
    public let catalog: Catalog
    private let series: [String: Series]

    public init(catalog: Catalog, series: [String: Series]) {
        self.catalog = catalog
        self.series = series
    }

    /// Reads each file of the catalog once, with the reader the catalog names for it.
    /// `displayPrefix` is how the data folder is named in messages (e.g. `Data/`).
    public static func load(catalog: Catalog, dataDirectory: URL, displayPrefix: String = "Data/") throws(SourceError) -> DataStore {
        var loaded: [String: Series] = [:]
        for file in catalog.files {
            let selections = catalog.series.filter { $0.file == file.path }.map(\.selection)
            guard !selections.isEmpty else { continue }
            let display = displayPrefix + file.path
            let text = try readText(dataDirectory.appendingPathComponent(file.path), display: display, declaredAt: file.declaredAt)
            guard let reader = ReaderRegistry.reader(named: file.reader) else {
                throw SourceError(file.declaredAt, "unknown reader '\(file.reader)'")
            }
            for (id, series) in try reader.read(text: text, file: display, selections: selections) {
                guard series.observations.count > 0 else {
                    throw SourceError(catalog.info(id)?.selection.declaredAt ?? file.declaredAt, "series '\(id)' has no values in \(display)")
                }
                loaded[id] = series
            }
        }
        return DataStore(catalog: catalog, series: loaded)
    }

    /// Reads a UTF-8 text file; a missing file or invalid UTF-8 is an error naming it.
    public static func readText(_ url: URL, display: String, declaredAt: SourceLocation) throws(SourceError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SourceError(declaredAt, "data file \(display) is missing or unreadable")
        }
        guard let text = String(validatingUTF8CString: data) else {
            throw SourceError(SourceLocation(file: display, line: 1), "file is not valid UTF-8 text")
        }
        return text
    }

    /// The series with `id`, or nil when the catalog has no such series.
    public func series(_ id: String) -> Series? { series[id] }

    public func info(_ id: String) -> SeriesInfo? { catalog.info(id) }

    /// The facts of series `id` as known on `asOf`.
    public func facts(_ id: String, asOf: Day) -> Facts? {
        series[id].map { Facts(series: $0, asOf: asOf) }
    }
}

extension String {
    /// Decodes bytes as UTF-8, rejecting invalid sequences instead of repairing them.
    init?(validatingUTF8CString data: Data) {
        guard let text = String(bytes: data, encoding: .utf8) else { return nil }
        self = text
    }
}
