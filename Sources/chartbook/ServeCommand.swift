import ArgumentParser
import ChartbookServe
import ChartbookSite
import Foundation

/// `chartbook serve`: a local preview that rebuilds on change and reloads open pages.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve Output/ on 127.0.0.1, rebuild when Data/ or Templates/ change, and reload open pages.",
        discussion: "A failed rebuild keeps the last good site and shows the error in the page and here. Charts are not rasterized while previewing.")

    @OptionGroup var options: ProjectOptions

    @Option(name: .shortAndLong, help: "Port on 127.0.0.1.")
    var port: UInt16 = 8000

    func run() async throws {
        let server = PreviewServer(project: options.open(), port: port) { message in
            FileHandle.standardOutput.write(Data((Style.diagnostic(message) + "\n").utf8))
        }
        try await server.run()
    }
}
