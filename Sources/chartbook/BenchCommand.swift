import ArgumentParser
import ChartbookCharts
import ChartbookCore
import ChartbookMarkdown
import ChartbookSite
import Foundation

/// `chartbook bench`: rerunnable measurements, medians reported (run a release build: `swift run -c release`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure chart rendering, data loading, the sample build and Markdown throughput; prints medians.",
        discussion: "Use a release build: swift run -c release chartbook bench. Benchmarks/run.sh compares the charts with matplotlib.")

    @Option(name: .long, help: "Timed runs per measurement.")
    var runs: Int = 25

    @Option(name: .long, help: ArgumentHelp("Also write each chart workload's data (CSV) and SVG to this folder.", valueName: "dir"))
    var writeData: String?

    @OptionGroup var options: ProjectOptions

    @Flag(name: .long, help: "Print results as JSON lines (for scripts).")
    var json = false

    @Option(name: .long, help: "Run one part only (its peak memory is then its own).")
    var only: BenchPart?

    @Option(name: .long, help: ArgumentHelp("For --only markdown: the Markdown file to render (default: the sample's issues, repeated to 8 MB).", valueName: "file"))
    var markdown: String?

    func run() throws {
        MemoryTuning.keepFreedMemory()
        if only == .markdown { try markdownThroughput(); return }
        if only == nil || only == .charts { try charts() }
        let root = options.root
        if only != .charts, FileManager.default.fileExists(atPath: root.appendingPathComponent("Templates/site.yaml").path) {
            do {
                if only == nil || only == .data {
                    // The first load in a fresh process is the cold one; later loads show the steady state.
                    let start = DispatchTime.now().uptimeNanoseconds
                    let store = try StandaloneChart(project: options.open()).loadData()
                    report("data", "load-sample-catalog-first", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, bytes: nil)
                    report("data", "series-loaded", nil, bytes: nil, count: store.catalog.series.count)
                    let load = try Stopwatch.measure(runs: runs, warmup: 0) { _ = try StandaloneChart(project: options.open()).loadData() }
                    report("data", "load-sample-catalog", Stopwatch.median(load), bytes: nil)
                }
                if only == nil || only == .png { try pngs(root) }
                if only == nil || only == .build {
                    let pages = SiteBuilder(project: options.open(), rasterize: false)
                    let build = try Stopwatch.measure(runs: max(5, runs / 2)) { _ = try pages.render() }
                    report("build", "sample-without-png", Stopwatch.median(build), bytes: nil)
                    // The same with no build cache at all: every data file parsed, as on a fresh clone.
                    var uncached = pages
                    uncached.useCache = false
                    let cold = try Stopwatch.measure(runs: max(5, runs / 2)) { _ = try uncached.render() }
                    report("build", "sample-without-png-uncached", Stopwatch.median(cold), bytes: nil)
                    let full = SiteBuilder(project: options.open())
                    let withImages = try Stopwatch.measure(runs: max(3, runs / 4), warmup: 1) { _ = try full.render() }
                    report("build", "sample-with-png", Stopwatch.median(withImages), bytes: nil)
                }
            } catch let error as SourceError {
                throw fail(error)
            }
        }
        if let peak = Stopwatch.peakResidentBytes() { report("memory", "peak-rss", nil, bytes: peak) }
    }

    /// Every chart of the sample drawn as PNG (in this process, as a build does): the median per
    /// chart on one core, the time per chart with both cores busy, and the images' sizes.
    func pngs(_ root: URL) throws {
        guard let rasterizer = Rasterizer.find() else { print("png: cairo not found; skipped"); return }
        let charts = try PNGWorkload.items(project: options.open())
        if let writeData {
            let dir = URL(fileURLWithPath: writeData)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (i, chart) in charts.enumerated() {
                try Data(chart.svg.utf8).write(to: dir.appendingPathComponent("png-\(i + 1)-\(chart.issue).svg"))
            }
        }
        var times: [Double] = [], bytes: [String: Int] = [:]
        for _ in 0..<max(1, runs / 5) {
            for chart in charts {
                let start = DispatchTime.now().uptimeNanoseconds
                let png = try rasterizer.pngs(chart.svg, width: chart.width, height: chart.height, crops: chart.crops)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                bytes[chart.issue + "/" + String(chart.svg.utf8.count) + "/" + String(chart.svg.hashValue), default: 0] = png.map(\.count).reduce(0, +)
            }
        }
        report("png", "chart-png-one-core", Stopwatch.median(times), bytes: bytes.values.reduce(0, +) / max(1, bytes.count), count: charts.count)
        // Social cards alone: framed, and the lead chart's picture cut from each (one per issue).
        let cards = charts.filter(\.isCard)
        var cardTimes: [Double] = []
        for _ in 0..<max(1, runs / 5) {
            for card in cards {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try rasterizer.pngs(card.svg, width: card.width, height: card.height, crops: card.crops)
                cardTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
        }
        report("png", "card-png-one-core", Stopwatch.median(cardTimes), bytes: nil, count: cards.count)
        // The same with zlib storing only, and without drawing at all: where the time goes.
        var drawing: [Double] = []
        for chart in charts {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try rasterizer.pngs(chart.svg, width: chart.width, height: chart.height, compression: 0, crops: chart.crops)
            drawing.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        report("png", "chart-png-drawing-and-palette-only", Stopwatch.median(drawing), bytes: nil)
        let both = Stopwatch.measure(runs: max(3, runs / 5)) {
            DispatchQueue.concurrentPerform(iterations: charts.count) { i in
                _ = try? rasterizer.pngs(charts[i].svg, width: charts[i].width, height: charts[i].height, crops: charts[i].crops)
            }
        }
        report("png", "chart-png-both-cores-per-chart", Stopwatch.median(both) / Double(max(1, charts.count)), bytes: nil)
        // What the flagship's email carries: every picture, the lead's as cut from its card.
        let flagship = try charts.filter { $0.issue == "2025-05-24-jgb-auction" }.reduce(0) { total, chart in
            let drawn = try rasterizer.pngs(chart.svg, width: chart.width, height: chart.height, crops: chart.crops)
            return total + (chart.isCard ? drawn.dropFirst().map(\.count).reduce(0, +) : drawn[0].count)
        }
        report("png", "flagship-email-images-total", nil, bytes: flagship)
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

    /// Markdown through the full pipeline's renderer (libcmark, fenced-block and heading rewrites)
    /// against the `cmark` command on the same text.
    func markdownThroughput() throws {
        let text: String
        if let markdown {
            text = try String(contentsOfFile: markdown, encoding: .utf8)
        } else {
            let issues = options.root.appendingPathComponent("Templates/partials")
            var corpus = ""
            for name in try FileManager.default.contentsOfDirectory(atPath: issues.path).sorted() where name.hasSuffix(".md") {
                corpus += try String(contentsOf: issues.appendingPathComponent(name), encoding: .utf8) + "\n\n"
            }
            var repeated = ""
            while repeated.utf8.count < 8_000_000 { repeated += corpus }
            text = repeated
        }
        let megabytes = Double(text.utf8.count) / 1_048_576
        let ours = Stopwatch.measure(runs: runs, warmup: 1) { _ = Markdown.render(text) { (_: FencedBlock) -> String? in nil } }
        report("markdown", "chartbook-pipeline", Stopwatch.median(ours), bytes: text.utf8.count)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chartbook-md-\(getpid()).md")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let cmarkPath = ["/usr/bin/cmark", "/usr/local/bin/cmark"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let cmarkPath else { print("cmark not installed (apt-get install cmark); no comparison"); return }
        let theirs = try Stopwatch.measure(runs: runs, warmup: 1) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: cmarkPath)
            process.arguments = [file.path]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
        }
        report("markdown", "cmark-cli", Stopwatch.median(theirs), bytes: text.utf8.count)
        let ratio = Stopwatch.median(theirs) / Stopwatch.median(ours)
        print("markdown throughput: chartbook \(DecimalFormat.fixed(megabytes / Stopwatch.median(ours), decimals: 1)) MB/s, cmark \(DecimalFormat.fixed(megabytes / Stopwatch.median(theirs), decimals: 1)) MB/s, ratio \(DecimalFormat.fixed(ratio, decimals: 2))")
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
