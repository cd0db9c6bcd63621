import ChartbookCore

/// Who published a file's numbers and on what terms; every chart's source line comes from here.
public struct SourceAttribution: Sendable, Hashable {
    public var publisher: LocalizedText
    public var title: String
    public var url: String
    public var licence: String
    public var note: String?
}

/// How `chartbook import` derives a `Data/` file from a publisher's raw download.
public struct ImportRule: Sendable, Hashable {
    /// File name inside the raw folder.
    public var from: String
    /// Rows dated before this day are dropped to keep the repository small.
    public var since: Day?
}

/// One data file in `Data/`, read by one reader.
public struct DataFile: Sendable {
    public var path: String
    public var reader: String
    public var source: SourceAttribution
    public var importRule: ImportRule?
    public var declaredAt: SourceLocation
}

/// One series the templates and charts may name, with everything needed to label and format it.
public struct SeriesInfo: Sendable {
    public var id: String
    public var file: String
    public var selection: SeriesSelection
    public var units: Units
    /// Decimals used when a level is written in prose or as a chart label.
    public var decimals: Int
    public var frequency: String
    /// Full name, e.g. "20-year JGB yield".
    public var name: LocalizedText
    /// Short label for line ends and legends, e.g. "20-year".
    public var label: LocalizedText
    public var source: SourceAttribution
}

/// `Data/catalog.yaml`: the files and series a project has, with sources and units.
public struct Catalog: Sendable {
    public var files: [DataFile]
    public var series: [SeriesInfo]
    /// The catalog's own path, for messages.
    public var path: String

    public func info(_ id: String) -> SeriesInfo? { series.first { $0.id == id } }
    public var ids: [String] { series.map(\.id) }

    /// Parses catalog YAML; every mistake is reported at its line and key.
    public init(yaml text: String, path: String) throws(SourceError) {
        self.path = path
        guard let root = try YAMLValue.parse(text, file: path) else {
            throw SourceError(SourceLocation(file: path, line: 1), "catalog is empty")
        }
        let top = try root.mapping(allowedKeys: ["files", "series"])
        var files: [DataFile] = []
        for item in try top.required("files").list() {
            let m = try item.mapping(allowedKeys: ["path", "reader", "source", "import"])
            let path = try m.required("path").string()
            try Catalog.checkRelative(path, at: m.required("path"))
            let reader = try m.required("reader").string()
            guard ReaderRegistry.reader(named: reader) != nil else {
                throw SourceError(try m.required("reader").location,
                                  "unknown reader '\(reader)'; known readers: \(ReaderRegistry.names.joined(separator: ", "))")
            }
            let s = try m.required("source").mapping(allowedKeys: ["publisher", "title", "url", "licence", "note"])
            let source = SourceAttribution(
                publisher: try LocalizedText(yaml: s.required("publisher")),
                title: try s.required("title").string(),
                url: try s.required("url").string(),
                licence: try s.required("licence").string(),
                note: try s["note"]?.string())
            var rule: ImportRule?
            if let i = m["import"] {
                let im = try i.mapping(allowedKeys: ["from", "since"])
                rule = ImportRule(from: try im.required("from").string(), since: try im["since"]?.day())
            }
            if files.contains(where: { $0.path == path }) { throw SourceError(item.location, "file '\(path)' is declared twice") }
            files.append(DataFile(path: path, reader: reader, source: source, importRule: rule, declaredAt: item.location))
        }
        var series: [SeriesInfo] = []
        for item in try top.required("series").list() {
            let m = try item.mapping(allowedKeys: ["id", "file", "column", "filter", "units", "decimals", "frequency", "name", "label"])
            let id = try m.required("id").string()
            guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !id.isEmpty else {
                throw SourceError(try m.required("id").location, "series id '\(id)' may hold only ASCII letters, digits and _")
            }
            if series.contains(where: { $0.id == id }) { throw SourceError(try m.required("id").location, "series id '\(id)' is declared twice") }
            let fileName = try m.required("file").string()
            guard let file = files.first(where: { $0.path == fileName }) else {
                throw SourceError(try m.required("file").location, "series '\(id)' names file '\(fileName)', which is not under 'files'")
            }
            var filter: [String: String] = [:]
            if let f = m["filter"] {
                for entry in try f.mapping().entries { filter[entry.key] = try entry.value.string() }
            }
            let unitsText = try m.required("units").string()
            guard let units = Units(rawValue: unitsText) else {
                throw SourceError(try m.required("units").location,
                                  "unknown units '\(unitsText)'; expected one of: \(Units.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let name = try LocalizedText(yaml: m.required("name"))
            series.append(SeriesInfo(
                id: id, file: fileName,
                selection: SeriesSelection(id: id, column: try m["column"]?.string(), filter: filter, declaredAt: item.location),
                units: units,
                decimals: try m["decimals"]?.int() ?? 2,
                frequency: try m["frequency"]?.string() ?? "daily",
                name: name,
                label: try m["label"].map { v throws(SourceError) in try LocalizedText(yaml: v) } ?? name,
                source: file.source))
        }
        self.files = files
        self.series = series
    }

    /// Data paths must stay inside `Data/`: no absolute paths, no `..`.
    static func checkRelative(_ path: String, at value: YAMLValue) throws(SourceError) {
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") || path.isEmpty {
            throw SourceError(value.location, "data path '\(path)' must be relative and stay inside Data/")
        }
    }
}

extension Catalog {
    /// A catalog with no series, for checking templates that may not name any.
    public static var empty: Catalog { Catalog(files: [], series: [], path: "") }

    init(files: [DataFile], series: [SeriesInfo], path: String) {
        self.files = files
        self.series = series
        self.path = path
    }
}
