import ArgumentParser
import ChartbookCore
import ChartbookSite
import Foundation

/// `chartbook check`: validates data, templates and charts without writing anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check data, templates and chart specs; report every problem at once.",
        discussion: """
            Exit status: 0 no errors (warnings allowed unless --strict); 1 errors; 2 warnings under --strict.
            Problems are printed as file:line:column: error|warning: message.
            """)

    @OptionGroup var options: ProjectOptions

    @Flag(name: .long, help: "Treat warnings (stale or suspicious data) as failures, for CI.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only the problems, not the summary line.")
    var quiet = false

    func run() throws {
        let diagnostics = SiteChecker(project: options.open()).run()
        var stderr = StandardError()
        for d in diagnostics { print(Style.diagnostic(d.description), to: &stderr) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let notes = diagnostics.count - errors - warnings
        if !quiet { print("\(errors) error(s), \(warnings) warning(s)" + (notes > 0 ? ", \(notes) note(s)" : "")) }
        if errors > 0 { throw ExitCode(1) }
        if strict && warnings > 0 { throw ExitCode(2) }
    }
}
