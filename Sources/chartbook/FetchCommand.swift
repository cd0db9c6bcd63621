import ArgumentParser
import ChartbookCore
import ChartbookData
import ChartbookFetch
import ChartbookSite
import Foundation

/// `chartbook fetch`: downloads the publishers' files named by `fetch` rules in the catalog.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the data files whose catalog entries have a fetch rule; replace those that changed and passed the checks.",
        discussion: """
            Each download is conditional (ETag / Last-Modified from Data/fetch-state.tsv), retried on 429 and 5xx, \
            capped in size, read with the same reader as a build and refused when it is an HTML page, does not read, \
            or keeps less than 90% of the history it replaces. Each file is replaced on its own, all or nothing; \
            one failure never stops the others. ${NAME} in a URL is taken from the environment and never printed. \
            Prints what changed per series (new, revised, removed observations). Exit status 3 when any file failed.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Fetch only these files (paths under Data/, as in the catalog).", valueName: "file"))
    var only: [String] = []

    @Flag(name: .long, help: "Download and check, but write nothing; report what would change.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Also write the report as JSON to this file ('-' for standard output).", valueName: "report"))
    var json: String?

    func run() throws {
        let project = options.open()
        let catalog: ChartbookData.Catalog
        do { catalog = try project.loadCatalog().catalog } catch { throw fail(error) }
        let report = Fetcher(catalog: catalog, dataDirectory: project.data).run(only: only, dryRun: dryRun)
        if json != "-" { FileHandle.standardOutput.write(Data(report.text.utf8)) }
        if let json {
            if json == "-" { FileHandle.standardOutput.write(report.json + Data("\n".utf8)) } else {
                do { try report.json.write(to: URL(fileURLWithPath: json)) } catch {
                    throw fail(SourceError(SourceLocation(file: json), "cannot write the report: \(error.localizedDescription)"))
                }
            }
        }
        if report.failed { throw ExitCode(3) }
    }
}
