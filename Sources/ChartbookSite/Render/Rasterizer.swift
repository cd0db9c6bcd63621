import Foundation

/// Turns chart SVG into PNG for places that cannot show SVG: email clients and social-card images.
/// Uses Debian's `rsvg-convert` (librsvg2-bin, with fonts-noto-cjk for Chinese) when it is installed.
public struct Rasterizer: Sendable {
    public let executable: URL

    /// The rasterizer on this machine's PATH, or nil when there is none.
    public static func find() -> Rasterizer? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent("rsvg-convert")
            if FileManager.default.isExecutableFile(atPath: url.path) { return Rasterizer(executable: url) }
        }
        return nil
    }

    /// The PNG of `svg` at `scale` (2 for sharp images on high-density screens), on a white background.
    public func png(_ svg: String, scale: Double = 2) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--zoom", String(scale), "--background-color", "white", "--format", "png"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write and read concurrently so neither pipe fills up and blocks the other.
        let writer = Thread { input.fileHandleForWriting.write(Data(svg.utf8)); try? input.fileHandleForWriting.close() }
        writer.start()
        let png = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            throw RasterizerError(message: String(decoding: message, as: UTF8.self))
        }
        return png
    }

    public struct RasterizerError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "rsvg-convert failed: \(message)" }
    }
}
