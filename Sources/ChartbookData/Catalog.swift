import ChartbookCore
import Foundation

/// Who published a file's numbers and on what terms; every chart's source line comes from here.
public struct SourceAttribution: Sendable, Hashable {
    public var publisher: LocalizedText
    public var title: String
    public var url: String
    public var licence: String
    public var note: String?
    /// Who compiled the numbers from the publisher's releases, when that is not the publisher
    /// (a third party's table of auction results): credited on every chart beside the publisher.
    public var compiledBy: LocalizedText? = nil

    /// The credit a chart's source line gives: the publisher, and the compiler when there is one
    /// (`Ministry of Finance Japan (auction results), compiled by …` / `日本财务省（拍卖结果），…整理`).
    public func credit(_ language: EditionLanguage) -> String {
        guard let compiler = compiledBy?.text(language), !compiler.isEmpty else { return publisher.text(language) }
        return language == .zh ? publisher.text(language) + "，" + compiler + "整理" : publisher.text(language) + ", compiled by " + compiler
    }

    /// The attribution of a series computed from several publishers' data.
    static func combined(_ sources: [SourceAttribution]) -> SourceAttribution {
        guard sources.count > 1 else { return sources.first ?? SourceAttribution(publisher: LocalizedText(all: ""), title: "", url: "", licence: "") }
        var publisher: [EditionLanguage: String] = [:]
        for language in EditionLanguage.allCases {
            publisher[language] = sources.map { $0.credit(language) }.joined(separator: language == .zh ? "；" : "; ")
        }
        return SourceAttribution(publisher: LocalizedText(publisher), title: sources.map(\.title).joined(separator: "; "),
                                 url: sources[0].url, licence: sources.map(\.licence).joined(separator: "; "), note: "Computed by Chartbook")
    }
}

/// How `chartbook import` derives a `Data/` file from a publisher's raw download.
public struct ImportRule: Sendable, Hashable {
    /// File name inside the raw folder.
    public var from: String
    /// Rows dated before this day are dropped to keep the repository small.
    public var since: Day?
}

/// Where `chartbook fetch` downloads a file from: the publisher's own address. `${NAME}` in the
/// URL is replaced by the environment variable NAME (an API key), which is never printed.
public struct FetchRule: Sendable, Hashable {
    public var url: String
    /// Rows dated before this day are dropped, as with an import rule.
    public var since: Day?
    public var declaredAt: SourceLocation
}

/// When a publisher releases a file's observations: a fixed time after their date (`lag: 7w`, TIC),
/// or once a week for everything dated before that day (`weekly: monday`, the Fed's H.10 rates).
public enum ReleaseRule: Sendable, Hashable {
    case lag(days: Int)
    /// Weekday 0 is Monday (as `Day.weekday`).
    case weekly(weekday: Int)

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// The last observation date published by `day`.
    public func lastPublished(by day: Day) -> Day {
        switch self {
        case .lag(let days): return Day(ordinal: day.ordinal - days)
        case .weekly(let weekday):
            // The latest release day on or before `day` published everything dated before it.
            let back = (day.weekday - weekday + 7) % 7
            return Day(ordinal: day.ordinal - back - 1)
        }
    }
}

/// One data file in `Data/`, read by one reader.
public struct DataFile: Sendable {
    public var path: String
    public var reader: String
    public var options: FileOptions
    public var source: SourceAttribution
    public var importRule: ImportRule?
    public var fetchRule: FetchRule?
    /// When this file's observations are published (`released: {lag: 7w}` or `{weekly: monday}`): an
    /// issue sees an observation only when its as-of date is on or after that.
    public var release: ReleaseRule?
    public var declaredAt: SourceLocation
}

/// One series the templates and charts may name, with everything needed to label and format it.
public struct SeriesInfo: Sendable {
    public var id: String
    /// The data file, or empty for a derived series.
    public var file: String
    /// How a derived series is computed from others; nil for a series read from a file.
    public var expression: SeriesExpression?
    /// Data older than this many days at an issue's as-of date is stale (a warning; an error with --strict).
    public var staleAfterDays: Int?
    /// Move each date to the end of its month: for monthly averages that publishers date on the 1st,
    /// so an issue sees a month's average only once the month is over (`date_at: month_end`).
    public var datedAtMonthEnd = false
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
    /// Years to maturity, for a yield at one point of a curve (`maturity: 10`); nil for anything else.
    public var maturity: Double?
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
        let top = try root.mapping(allowedKeys: ["files", "series", "derived"])
        var files: [DataFile] = []
        for item in try top.required("files").list() {
            let m = try item.mapping(allowedKeys: ["path", "reader", "source", "import", "fetch", "released", "encoding", "delimiter", "date_format", "decimal", "date_column"])
            let path = try m.required("path").string()
            try Catalog.checkRelative(path, at: m.required("path"))
            let reader = try m.required("reader").string()
            guard ReaderRegistry.reader(named: reader) != nil else {
                throw SourceError(try m.required("reader").location,
                                  "unknown reader '\(reader)'; known readers: \(ReaderRegistry.names.joined(separator: ", "))")
            }
            let s = try m.required("source").mapping(allowedKeys: ["publisher", "title", "url", "licence", "note", "compiled_by"])
            let source = SourceAttribution(
                publisher: try LocalizedText(yaml: s.required("publisher")),
                title: try s.required("title").string(),
                url: try s.required("url").string(),
                licence: try s.required("licence").string(),
                note: try s["note"]?.string(),
                compiledBy: try s["compiled_by"].map { v throws(SourceError) in try LocalizedText(yaml: v) })
            var rule: ImportRule?
            if let i = m["import"] {
                let im = try i.mapping(allowedKeys: ["from", "since"])
                rule = ImportRule(from: try im.required("from").string(), since: try im["since"]?.day())
            }
            var fetch: FetchRule?
            if let f = m["fetch"] {
                let fm = try f.mapping(allowedKeys: ["url", "since"])
                let url = try fm.required("url")
                let text = try url.string()
                guard let parsed = URL(string: text.replacingOccurrences(of: "${", with: "").replacingOccurrences(of: "}", with: "")),
                      ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
                    throw SourceError(url.location, "fetch url must be an http or https address, found '\(text)'")
                }
                fetch = FetchRule(url: text, since: try fm["since"]?.day() ?? rule?.since, declaredAt: f.location)
            }
            if files.contains(where: { $0.path == path }) { throw SourceError(item.location, "file '\(path)' is declared twice") }
            var release: ReleaseRule?
            if let r = m["released"] {
                let rm = try r.mapping(allowedKeys: ["lag", "weekly"])
                if let lag = rm["lag"] {
                    release = .lag(days: try Catalog.days(lag) ?? 0)
                } else if let weekly = rm["weekly"] {
                    let name = try weekly.string().lowercased()
                    guard let n = ReleaseRule.weekdays.firstIndex(of: name) else {
                        throw SourceError(weekly.location, "weekly takes a day of the week (monday … sunday), found '\(name)'")
                    }
                    release = .weekly(weekday: n)
                } else {
                    throw SourceError(r.location, "released takes lag (such as 7w) or weekly (such as monday)")
                }
            }
            files.append(DataFile(path: path, reader: reader, options: try Catalog.options(m), source: source, importRule: rule,
                                  fetchRule: fetch, release: release, declaredAt: item.location))
        }
        var series: [SeriesInfo] = []
        for item in try top.required("series").list() {
            let m = try item.mapping(allowedKeys: ["id", "file", "column", "filter", "units", "decimals", "frequency", "name", "label", "stale_after", "date_at", "maturity"])
            let id = try Catalog.id(m, existing: series)
            let fileName = try m.required("file").string()
            guard let file = files.first(where: { $0.path == fileName }) else {
                throw SourceError(try m.required("file").location, "series '\(id)' names file '\(fileName)', which is not under 'files'")
            }
            var filter: [String: String] = [:]
            if let f = m["filter"] {
                for entry in try f.mapping().entries { filter[entry.key] = try entry.value.string() }
            }
            let units = try m.required("units").choice(Units.self, "units")
            let name = try LocalizedText(yaml: m.required("name"))
            series.append(SeriesInfo(
                id: id, file: fileName, expression: nil, staleAfterDays: try Catalog.days(m["stale_after"]),
                selection: SeriesSelection(id: id, column: try m["column"]?.string(), filter: filter, declaredAt: item.location),
                units: units,
                decimals: try m["decimals"]?.int() ?? 2,
                frequency: try m["frequency"]?.string() ?? "daily",
                name: name,
                label: try m["label"].map { v throws(SourceError) in try LocalizedText(yaml: v) } ?? name,
                source: file.source))
            if let value = m["maturity"] {
                let years = try value.double()
                guard years > 0, years <= 100 else { throw SourceError(value.location, "maturity is in years, between 0 and 100; found \(years)") }
                series[series.count - 1].maturity = years
            }
            if let d = m["date_at"] {
                guard try d.string() == "month_end" else { throw SourceError(d.location, "date_at takes month_end") }
                series[series.count - 1].datedAtMonthEnd = true
            }
        }
        for item in try top["derived"]?.list() ?? [] {
            let m = try item.mapping(allowedKeys: ["id", "expr", "units", "decimals", "frequency", "name", "label", "stale_after"])
            let id = try Catalog.id(m, existing: series)
            let exprValue = try m.required("expr")
            // Columns count from the value's first character; a quoted value starts one later.
            let expression = try SeriesExpression(parsing: try exprValue.string(), at: exprValue.location)
            var sources: [SourceAttribution] = []
            for input in expression.inputs {
                // Only series declared above may be used, which rules out cycles.
                guard let info = series.first(where: { $0.id == input }) else {
                    throw SourceError(exprValue.location, "derived series '\(id)' uses '\(input)', which is not declared above it")
                }
                if !sources.contains(info.source) { sources.append(info.source) }
            }
            let units = try m.required("units").choice(Units.self, "units")
            let name = try LocalizedText(yaml: m.required("name"))
            series.append(SeriesInfo(
                id: id, file: "", expression: expression, staleAfterDays: try Catalog.days(m["stale_after"]),
                selection: SeriesSelection(id: id, column: nil, declaredAt: item.location),
                units: units, decimals: try m["decimals"]?.int() ?? 2, frequency: try m["frequency"]?.string() ?? "daily",
                name: name, label: try m["label"].map { v throws(SourceError) in try LocalizedText(yaml: v) } ?? name,
                source: SourceAttribution.combined(sources)))
        }
        self.files = files
        self.series = series
    }

    static func id(_ m: YAMLMapping, existing: [SeriesInfo]) throws(SourceError) -> String {
        let id = try m.required("id").string()
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !id.isEmpty else {
            throw SourceError(try m.required("id").location, "series id '\(id)' may hold only ASCII letters, digits and _")
        }
        if existing.contains(where: { $0.id == id }) { throw SourceError(try m.required("id").location, "series id '\(id)' is declared twice") }
        return id
    }

    /// A number of days written `10d`, `2w` or `3m` (months count as 31 days).
    static func days(_ value: YAMLValue?) throws(SourceError) -> Int? {
        guard let value else { return nil }
        let text = try value.string()
        switch Window(text) {
        case .days(let n): return n
        case .weeks(let n): return n * 7
        case .months(let n): return n * 31
        case .years(let n): return n * 366
        default: throw SourceError(value.location, "expected a period such as 10d, 2w or 3m, found '\(text)'")
        }
    }

    static func options(_ m: YAMLMapping) throws(SourceError) -> FileOptions {
        var options = FileOptions()
        if let e = m["encoding"] {
            let text = try e.string()
            guard let encoding = TextEncoding(name: text) else {
                throw SourceError(e.location, "unknown encoding '\(text)'; supported: \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.encoding = encoding
        }
        if let d = m["delimiter"] {
            let text = try d.string()
            switch text {
            case "tab", "\t": options.delimiter = "\t"
            case ",", ";", "|": options.delimiter = Character(text)
            default: throw SourceError(d.location, "delimiter must be ',', ';', '|' or tab")
            }
        }
        options.dateFormat = try m["date_format"]?.choice(DateFormat.self, "date_format")
        if let d = m["decimal"] {
            let text = try d.string()
            guard text == "." || text == "," else { throw SourceError(d.location, "decimal must be '.' or ','") }
            options.decimalMark = Character(text)
        }
        options.dateColumn = try m["date_column"]?.string()
        return options
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

extension Catalog {
    /// Describes an ad-hoc expression (written inline in a chart spec) as a series: units follow
    /// from the operation, sources from the inputs.
    public func describe(_ expression: SeriesExpression, label: String?, at location: SourceLocation) throws(SourceError) -> SeriesInfo {
        var sources: [SourceAttribution] = []
        for input in expression.inputs {
            guard let info = info(input) else {
                throw SourceError(location, "unknown series '\(input)' in expression; the catalog has: \(ids.joined(separator: ", "))")
            }
            if !sources.contains(info.source) { sources.append(info.source) }
        }
        func units(_ e: SeriesExpression) -> (Units, Int) {
            switch e {
            case .series(let id): return info(id).map { ($0.units, $0.decimals) } ?? (.index, 2)
            case .basisPoints: return (.bp, 0)
            case .percentChange: return (.percent, 1)
            case .rebase: return (.index, 1)
            case .spread(let a, _), .change(let a, _), .rollingMean(let a, _), .resample(let a, _, _): return units(a)
            }
        }
        let (u, decimals) = units(expression)
        let name = LocalizedText(all: label ?? expression.description)
        return SeriesInfo(id: expression.description, file: "", expression: expression, staleAfterDays: nil,
                          selection: SeriesSelection(id: expression.description, column: nil, declaredAt: location),
                          units: u, decimals: decimals, frequency: "derived", name: name, label: name, source: SourceAttribution.combined(sources))
    }
}
