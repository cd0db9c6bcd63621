import ArgumentParser
import ChartbookCharts
import ChartbookCore
import ChartbookSite
import Foundation

/// `chartbook bench`: rerunnable measurements, medians reported (run a release build: `swift run -c release`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure chart rendering and the sample build; prints medians.",
        discussion: "Use a release build: swift run -c release chartbook bench. Benchmarks/run.sh compares the charts with matplotlib.")

    @Option(name: .long, help: "Timed runs per measurement.")
    var runs: Int = 25

    @Option(name: .long, help: ArgumentHelp("Also write each chart workload's data (CSV) and SVG to this folder.", valueName: "dir"))
    var writeData: String?

    @Option(name: .long, help: ArgumentHelp("The project whose sample build is timed.", valueName: "dir"))
    var project: String = "."

    @Flag(name: .long, help: "Print results as JSON lines (for scripts).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Run one part only (its peak memory is then its own): charts, data or build.", valueName: "part"))
    var only: String?

    func validate() throws {
        if let only, !["charts", "data", "build"].contains(only) { throw ValidationError("--only takes charts, data or build") }
    }

    func run() throws {
        if only == nil || only == "charts" { try charts() }
        let root = URL(fileURLWithPath: project)
        if only != "charts", FileManager.default.fileExists(atPath: root.appendingPathComponent("Templates/site.yaml").path) {
            do {
                if only == nil || only == "data" {
                    // The first load in a fresh process is the cold one; later loads show the steady state.
                    let start = DispatchTime.now().uptimeNanoseconds
                    let store = try StandaloneChart(project: Project(root: root)).loadData()
                    report("data", "load-sample-catalog-first", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, bytes: nil)
                    report("data", "series-loaded", nil, bytes: nil, count: store.catalog.series.count)
                    let load = try Stopwatch.measure(runs: runs, warmup: 0) { _ = try StandaloneChart(project: Project(root: root)).loadData() }
                    report("data", "load-sample-catalog", Stopwatch.median(load), bytes: nil)
                }
                if only == nil || only == "build" {
                    let pages = SiteBuilder(project: Project(root: root), rasterize: false)
                    let build = try Stopwatch.measure(runs: max(5, runs / 2)) { _ = try pages.render() }
                    report("build", "sample-without-png", Stopwatch.median(build), bytes: nil)
                    let full = SiteBuilder(project: Project(root: root))
                    let withImages = try Stopwatch.measure(runs: max(3, runs / 4), warmup: 1) { _ = try full.render() }
                    report("build", "sample-with-png", Stopwatch.median(withImages), bytes: nil)
                }
            } catch let error as SourceError {
                throw fail(error)
            }
        }
        if let peak = Stopwatch.peakResidentBytes() { report("memory", "peak-rss", nil, bytes: peak) }
    }

    func charts() throws {
        let renderer = ChartRenderer()
        for workload in ChartBenchmark.workloads() {
            var svg = ""
            let times = Stopwatch.measure(runs: runs) { svg = renderer.render(workload.chart) }
            report("chart", workload.name, Stopwatch.median(times), bytes: svg.utf8.count)
            if let writeData {
                let dir = URL(fileURLWithPath: writeData)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try Data(ChartBenchmark.csv(workload.chart).utf8).write(to: dir.appendingPathComponent("\(workload.name).csv"))
                try Data(svg.utf8).write(to: dir.appendingPathComponent("\(workload.name).chartbook.svg"))
            }
        }
    }

    func report(_ group: String, _ name: String, _ seconds: Double?, bytes: Int?, count: Int? = nil) {
        if json {
            var fields = ["\"group\":\"\(group)\"", "\"name\":\"\(name)\""]
            if let seconds { fields.append("\"median_ms\":\(DecimalFormat.fixed(seconds * 1000, decimals: 3))") }
            if let bytes { fields.append("\"bytes\":\(bytes)") }
            if let count { fields.append("\"count\":\(count)") }
            print("{" + fields.joined(separator: ",") + "}")
        } else {
            let time = seconds.map { DecimalFormat.fixed($0 * 1000, decimals: 3) + (name.hasSuffix("-first") ? " ms (one run)" : " ms (median of \(runs))") } ?? ""
            let size = bytes.map { "  \($0) bytes" } ?? ""
            print("\(group) \(name): \(time)\(size)\(count.map { " \($0)" } ?? "")")
        }
    }
}
