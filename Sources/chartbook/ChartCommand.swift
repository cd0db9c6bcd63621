import ArgumentParser
import ChartbookCharts
import ChartbookCore
import ChartbookSite
import Foundation

/// `chartbook chart`: one chart spec to SVG on standard output.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Render one chart spec (the YAML of a ```chart block) to SVG on standard output.")

    @Argument(help: ArgumentHelp("The chart spec file (YAML).", valueName: "spec.yaml"))
    var spec: String

    @Option(name: .long, help: ArgumentHelp("Cut the data at this date (YYYY-MM-DD); default: all data.", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: "Labels and dates in this language.")
    var locale: LocaleChoice = .zh

    @Option(name: .long, help: "Colour theme: light (with a dark-mode stylesheet) or dark.")
    var theme: ThemeChoice = .light

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of must be a date written YYYY-MM-DD") }
    }

    func run() throws {
        let renderer = StandaloneChart(project: options.open())
        do {
            guard let data = FileManager.default.contents(atPath: spec), let text = String(data: data, encoding: .utf8) else {
                throw SourceError(SourceLocation(file: spec), "cannot read the chart spec")
            }
            let store = try renderer.loadData()
            let svg = try renderer.render(specText: text, file: spec, store: store, asOf: asOf.flatMap { Day(iso: $0) },
                                          language: locale.language, theme: theme.theme)
            FileHandle.standardOutput.write(Data((svg + "\n").utf8))
        } catch let error as SourceError {
            throw fail(error)
        }
    }
}
