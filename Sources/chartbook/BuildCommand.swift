import ArgumentParser
import ChartbookCore
import ChartbookSite
import Foundation

/// `chartbook build`: the whole pipeline, published atomically into the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from Data/ and Templates/ into Output/.",
        discussion: """
            The site is written to a temporary folder and swapped into place only when every page \
            has rendered, so a failed build leaves the previous output untouched.
            """)

    @OptionGroup var options: ProjectOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <project>/Output).", valueName: "dir"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    @Flag(name: .long, help: "Fail on warnings too, such as a claim in the prose that the data no longer supports (for CI).")
    var strict = false

    @Flag(name: .long, help: "Empty the build cache (.chartbook-cache/) first and build everything from scratch.")
    var clean = false

    @Flag(name: .long, help: "Also build drafts and issues scheduled for later (publish_at), each with a banner; they are never listed, fed, mapped or emailed.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("The moment that decides which scheduled issues are out (YYYY-MM-DDTHH:MM:SSZ; default: now).", valueName: "time"))
    var now: String?

    @Flag(name: .long, help: "Skip chart PNGs (and so email editions and social-card images), e.g. for a quick local build.")
    var noImages = false

    func run() throws {
        MemoryTuning.keepFreedMemory()
        let project = options.open(output: output)
        let started = Date()
        do throws(SourceError) {
            var builder = SiteBuilder(project: project, strict: strict, rasterize: !noImages)
            builder.includeDrafts = drafts
            if let now {
                guard let seconds = FrontMatter.seconds(now) else { throw SourceError(SourceLocation(file: "--now"), "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, found '\(now)'") }
                builder.now = seconds
            }
            if clean { BuildCache(folder: project.root.appendingPathComponent(".chartbook-cache")).clear() }
            // CHARTBOOK_TIMINGS=1 prints each step's duration (for profiling builds).
            if ProcessInfo.processInfo.environment["CHARTBOOK_TIMINGS"] == "1" {
                let clock = StepClock()
                builder.progress = { step in clock.next(step) }
            } else if !quiet && isatty(STDOUT_FILENO) != 0 {
                // On a terminal: the step, and inside the long one, issues and charts done with the time left.
                builder.progress = { step in if step != "done" { FileHandle.standardOutput.write(Data("\u{1B}[2K\r… \(step)".utf8)) } }
                let throttle = ProgressThrottle(every: 0.1)
                builder.itemProgress = { p in
                    guard throttle.due(final: p.done == p.total) else { return }
                    FileHandle.standardOutput.write(Data("\u{1B}[2K\r… \(ProgressThrottle.describe(p))".utf8))
                }
            } else if !quiet {
                // In CI logs: a plain line at every tenth of a long build.
                let throttle = ProgressThrottle(every: 0)
                builder.itemProgress = { p in
                    guard p.total >= 100, throttle.crossed(tenth: p.done * 10 / p.total) else { return }
                    FileHandle.standardOutput.write(Data((ProgressThrottle.describe(p) + "\n").utf8))
                }
            }
            let summary = try builder.build()
            if builder.progress != nil && !quiet && isatty(STDOUT_FILENO) != 0 { FileHandle.standardOutput.write(Data("\u{1B}[2K\r".utf8)) }
            var stderr = StandardError()
            for warning in summary.warnings { print(Style.diagnostic(warning.description), to: &stderr) }
            if !quiet { for note in summary.notes { print("note: " + note, to: &stderr) } }
            if !quiet {
                let ms = Int(Date().timeIntervalSince(started) * 1000)
                let reused = summary.reused > 0 ? " (\(summary.reused) unchanged, carried over)" : ""
                print("Built \(summary.issues) issue(s), \(summary.pages) page(s), \(summary.charts) chart(s) in \(ms) ms\(reused) → \(project.output.path)")
            }
        } catch {
            throw fail(error)
        }
    }
}

/// Prints how long each build step took, for `CHARTBOOK_TIMINGS=1`.
final class StepClock: @unchecked Sendable {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var name = "start"
    private let lock = NSLock()

    func next(_ step: String) {
        lock.lock(); defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        FileHandle.standardError.write(Data("\(name): \((now - last) / 1_000_000) ms\n".utf8))
        last = now
        name = step
    }
}

/// Keeps progress lines to a readable pace: at most one per interval on a terminal, one per tenth in logs.
final class ProgressThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private let interval: TimeInterval
    private var last = Date.distantPast
    private var tenth = 0

    init(every interval: TimeInterval) { self.interval = interval }

    func due(final: Bool) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard final || now.timeIntervalSince(last) >= interval else { return false }
        last = now
        return true
    }

    func crossed(tenth now: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard now > tenth else { return false }
        tenth = now
        return true
    }

    /// "articles 412/1,000, 1,648 charts, about 12 s left".
    static func describe(_ p: BuildProgress) -> String {
        var text = "articles \(p.done)/\(p.total), \(p.charts) chart\(p.charts == 1 ? "" : "s")"
        if let left = p.remaining { text += ", about \(Int(left.rounded(.up))) s left" }
        return text
    }
}
