import ArgumentParser
import ChartbookCore
import ChartbookSite
import Foundation

/// `chartbook new`: scaffolds the next issue from an archetype.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create the next issue from Templates/archetypes/<archetype>.md; never overwrites.",
        discussion: "The archetype's %DATE%, %AS_OF%, %SLUG% and %TITLE% are filled in. The file is Templates/issues/<date>-<slug>.md.")

    @Argument(help: ArgumentHelp("Short name for the issue's URL, e.g. yen-carry.", valueName: "slug"))
    var slug: String

    @Option(name: .long, help: ArgumentHelp("Issue date, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("Data cut-off date (default: the issue date).", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: "Working title.")
    var title: String?

    @Option(name: .long, help: "Archetype to start from.")
    var archetype: String = "issue"

    @Option(name: .long, help: "The edition's language: uses Templates/archetypes/<archetype>-<language>.md when there is one.")
    var language: LocaleChoice?

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if let date, Day(iso: date) == nil { throw ValidationError("--date must be written YYYY-MM-DD") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of must be written YYYY-MM-DD") }
    }

    func run() throws {
        let today = Day.today()
        do throws(SourceError) {
            let url = try Scaffold(project: options.open())
                .newIssue(date: date.flatMap { Day(iso: $0) } ?? today, asOf: asOf.flatMap { Day(iso: $0) }, slug: slug, title: title, archetype: archetype,
                           language: language?.language)
            print("Created \(url.path)")
        } catch {
            throw fail(error)
        }
    }
}
