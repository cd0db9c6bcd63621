import ArgumentParser
import ChartbookCore
import ChartbookData
import ChartbookSite
import Foundation

/// `chartbook notable`: the story finder. What the data published by a day would let a writer lead with.
struct NotableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notable",
        abstract: "List what is unusual in the data at a date: records, multi-year highs and lows, streaks, large moves, crossings.",
        discussion: """
            Every series of the catalog, as published by --as-of (default: the latest data), most unusual
            first, each with the template tag that quotes or checks it. The score is roughly the years of
            history the finding is the most since (records score the length of their history plus one);
            a large move scores by how rare a move that size has been over the same span.
            Exit status: 0 listed (perhaps nothing); 1 the data or catalog could not be read.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(name: .customLong("as-of"), help: "Only data published by this day (YYYY-MM-DD).")
    var asOf: String?

    @Option(name: .long, help: "At most this many findings.")
    var limit = 30

    @Flag(name: .long, help: "Print JSON lines (series, score, text, tag) for scripts.")
    var json = false

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let project = options.open()
        let store: DataStore
        do {
            store = try project.loadData(project.loadCatalog().catalog)
        } catch {
            throw fail(error)
        }
        let data = asOf.flatMap { Day(iso: $0) }.map { store.asOf($0) } ?? store.latest
        for finding in Notable.find(data).prefix(limit) {
            if json {
                print("{\"series\":\(Escape.json(finding.series)),\"score\":\(DecimalFormat.fixed(finding.score, decimals: 2)),\"text\":\(Escape.json(finding.text)),\"tag\":\(Escape.json(finding.tag))}")
            } else {
                print("\(DecimalFormat.fixed(finding.score, decimals: 1).padding(toLength: 6, withPad: " ", startingAt: 0)) \(finding.text)\n       \(finding.tag)")
            }
        }
    }
}
