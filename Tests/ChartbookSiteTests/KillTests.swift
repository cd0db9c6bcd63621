import ChartbookCore
import ChartbookSite
import Foundation
import Testing

/// A build killed at any moment leaves the previous Output/ complete and unchanged; the next build
/// clears what the killed one left behind.
@Suite struct KillTests {
    static let binary: URL? = {
        for path in [".build/debug/chartbook", ".build/release/chartbook"] {
            let url = SampleProject.repository.appendingPathComponent(path)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    @Test(.enabled(if: KillTests.binary != nil)) func sigkillAtSeveralMomentsLeavesTheOutputIntact() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let before = try sample.snapshot()
        // Make the next build do real work: every issue's data changes, and PNGs must be drawn.
        let dgs = try sample.read("Data/fred/DGS10.csv")
        try sample.write("Data/fred/DGS10.csv", dgs.replacingOccurrences(of: ",4.", with: ",5."))
        for delay in [0.02, 0.1, 0.25, 0.5, 0.8] {
            let process = Process()
            process.executableURL = KillTests.binary
            process.arguments = ["build", "--project", sample.root.path, "--quiet", "--clean"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit { continue } // finished before the kill: nothing to prove here
            #expect(try sample.snapshot() == before, "Output/ changed after SIGKILL at \(delay) s")
        }
        // The next build succeeds and leaves no staging folder behind; it may reuse what a killed
        // build left (as the spare), and must still write exactly what a clean build writes.
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let stray = try sample.strayEntries()
        #expect(stray.isEmpty, "left behind: \(stray)")
        #expect(try sample.snapshot() == sample.cleanBuildSnapshot(), "the build after a kill differs from a clean build")
    }
}
