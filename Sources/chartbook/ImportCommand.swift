import ArgumentParser
import ChartbookCore
import ChartbookData
import Foundation

/// `chartbook import`: rewrites `Data/` from publishers' raw downloads as the catalog's import rules say.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write Data/ files from publishers' raw downloads, following the import rules in Data/catalog.yaml.",
        discussion: "Each file keeps its publisher's layout; rows before the rule's 'since' date are dropped. Data/SOURCES.md is regenerated. All or nothing: any problem (a missing raw file, a path outside the raw folder) leaves Data/ as it was; an import killed midway is finished or undone by the next chartbook command.")

    @Option(name: .long, help: ArgumentHelp("Folder holding the raw downloads.", valueName: "dir"))
    var raw: String

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let root = options.root
        let data = root.appendingPathComponent("Data")
        do throws(SourceError) {
            let catalog = try options.open().loadCatalog().catalog
            let importer = Importer(catalog: catalog, rawDirectory: URL(fileURLWithPath: raw), dataDirectory: data)
            let problems = importer.prepare().problems
            if let first = problems.first {
                var stderr = StandardError()
                for problem in problems.dropFirst() { print(Style.diagnostic(problem.description), to: &stderr) }
                throw SourceError(first.location, first.message + "; nothing was imported, Data/ is as it was")
            }
            for report in try importer.run() {
                print(report.copied ? "Data/\(report.path): copied" : "Data/\(report.path): kept \(report.keptRows) rows, dropped \(report.droppedRows)")
            }
        } catch {
            throw fail(error)
        }
    }
}
