import ChartbookCore
import ChartbookData

/// A statement that a chart title, a heading or an issue's title and summary make about the data,
/// declared beside it so the build can check it as it checks claims in prose: in a chart spec
/// (`claims:`) or, for the issue's title and summary, in a ```` ```claims ```` block of the body
/// (which renders as nothing). Each item is either `series.claim` (any `ClaimName`) or a rank
/// among series at the as-of date: `{series: uk_ust_holdings, rank: 2, among: [japan_ust_holdings, …]}`.
public struct Statement: Sendable {
    public enum Kind: Sendable {
        case claim(series: String, claim: ClaimName, text: String)
        /// `series` is `place`-th largest of `among` (which includes it) by latest value.
        case rank(series: String, place: Int, among: [String])
    }

    public var kind: Kind
    public var location: SourceLocation

    /// The statements of a YAML list.
    public static func list(_ value: YAMLValue) throws(SourceError) -> [Statement] {
        var out: [Statement] = []
        for item in try value.list() {
            if let text = try? item.string() {
                let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2, let claim = ClaimName(parts[1]) else {
                    throw SourceError(item.location, "'\(text)' is not a claim; write series.claim with a claim among: \(ClaimName.help), or {series, rank, among}")
                }
                out.append(Statement(kind: .claim(series: parts[0], claim: claim, text: parts[1]), location: item.location))
            } else {
                let m = try item.mapping(allowedKeys: ["series", "rank", "among"])
                let series = try m.required("series").string()
                let place = try m.required("rank").int()
                let among = try m.required("among").stringList()
                guard among.contains(series) else { throw SourceError(try m.required("among").location, "'among' must include '\(series)'") }
                guard place >= 1, place <= among.count else { throw SourceError(try m.required("rank").location, "rank must be between 1 and \(among.count)") }
                out.append(Statement(kind: .rank(series: series, place: place, among: among), location: item.location))
            }
        }
        return out
    }

    /// The block of an issue's body that states what its title and summary claim.
    public static func block(_ yaml: String, file: String, lineOffset: Int) throws(SourceError) -> [Statement] {
        guard let root = try YAMLValue.parse(yaml, file: file, lineOffset: lineOffset) else { return [] }
        return try list(root)
    }

    /// Every series the statement reads.
    public var series: [String] {
        switch kind {
        case .claim(let id, _, _): return [id]
        case .rank(_, _, let among): return among
        }
    }

    /// A series the catalog does not have is an error at the statement.
    func check(against catalog: Catalog) throws(SourceError) {
        for id in series where catalog.info(id) == nil {
            throw SourceError(location, "unknown series '\(id)' in a claim; the catalog has: \(catalog.ids.joined(separator: ", "))")
        }
    }

    /// What the statement says, and whether the data as of the issue bear it out (with the evidence).
    func evaluate(_ data: DataAsOf, format: LocaleFormatter) -> (text: String, holds: Bool, evidence: String) {
        switch kind {
        case .claim(let id, let claim, let text):
            guard let info = data.info(id), let facts = data.facts(id) else { return ("\(id).\(text)", false, "no such series") }
            let (holds, evidence) = claim.evaluate(facts, info: info, format: format)
            return ("\(id).\(text)", holds, evidence)
        case .rank(let id, let place, let among):
            var latest: [(id: String, value: Double, text: String)] = []
            for other in among {
                guard let info = data.info(other), let last = data.facts(other)?.last else {
                    return ("\(id) is No. \(place)", false, "\(other) has no data by \(data.day)")
                }
                latest.append((other, last.value, "\(other) \(format.level(last.value, units: info.units, decimals: info.decimals)) on \(last.day)"))
            }
            let mine = latest.first { $0.id == id }?.value ?? .nan
            let actual = 1 + latest.filter { $0.value > mine }.count
            let standings = latest.sorted { $0.value > $1.value }.map(\.text).joined(separator: ", ")
            return ("\(id) is No. \(place) of \(among.count)", actual == place, "it is No. \(actual): \(standings)")
        }
    }
}
