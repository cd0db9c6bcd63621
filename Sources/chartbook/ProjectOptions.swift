import ArgumentParser
import ChartbookCharts
import ChartbookCore
import ChartbookSite
import Foundation

/// `--project DIR`, shared by every command that reads a project (one declaration, one help text).
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project folder, holding Data/ and Templates/.", valueName: "dir"))
    var project: String = "."

    /// The project's folder as a URL.
    var root: URL { URL(fileURLWithPath: project) }

    /// The project, with its default output folder unless `output` is given.
    func open(output: String? = nil) -> Project {
        Project(root: root, output: output.map { URL(fileURLWithPath: $0) })
    }
}

/// `--locale`: the language of a chart's labels and dates.
enum LocaleChoice: String, ExpressibleByArgument, CaseIterable {
    case zh, en
    var language: EditionLanguage { self == .zh ? .zh : .en }
}

/// `--theme`: a chart's colours.
enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
    case light, dark
    var theme: ChartTheme { self == .light ? .light : .dark }
}

/// `bench --only`: one part of the benchmarks.
enum BenchPart: String, ExpressibleByArgument, CaseIterable {
    case charts, data, build, markdown, png
}
