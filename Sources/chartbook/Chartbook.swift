import ArgumentParser
import ChartbookCore
import Foundation

/// The `chartbook` command: builds data-driven articles from `Data/` and `Templates/`.
@main
struct Chartbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chartbook",
        abstract: "Build a data-driven publication from CSV data, Markdown narrative and HTML layouts.",
        discussion: """
            Exit status: 0 success; 1 the project's input is wrong (each message names file, line and column); 2 warnings under check --strict; \
            3 fetch: at least one file could not be fetched (the others were updated); 64 the command line is wrong.
            """,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ChartCommand.self, ImportCommand.self, FetchCommand.self, SendCommand.self, NotableCommand.self, BenchCommand.self],
        defaultSubcommand: nil)
}

/// Prints a `file:line:col: error: message` diagnostic and exits with status 1.
func fail(_ error: SourceError) -> ExitCode {
    var stderr = StandardError()
    print(Style.diagnostic(error.description), to: &stderr)
    return ExitCode(1)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

