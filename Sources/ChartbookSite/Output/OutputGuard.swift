import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Decides whether a folder may be replaced by a build. A build swaps its output folder out whole,
/// so the folder must be one Chartbook wrote (it holds the marker file), or empty, or new; never the
/// project, one of its input folders, or a folder that contains them.
public enum OutputGuard {
    /// The file every output holds, so a later build knows the folder is its own to replace.
    public static let markerName = ".chartbook-output"
    /// The marker's text (fixed, so outputs stay byte-identical between builds).
    static let markerText = "This folder was written by Chartbook (chartbook build). A build replaces it whole; do not keep other files here.\n"
    /// Files that may sit in an output folder that Chartbook has not yet written ("empty" folders
    /// kept in version control).
    static let placeholders: Set<String> = [".gitkeep", ".DS_Store"]

    /// Refuses an output folder a build must not replace; `project` supplies the input folders.
    public static func check(_ project: Project) throws(SourceError) {
        let output = project.output.path
        let display = project.display(project.output)
        let real = RealPaths.resolve(output) ?? resolveMissing(output)
        let root = RealPaths.resolve(project.root.path) ?? project.root.path
        func within(_ path: String, _ folder: String) -> Bool {
            path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
        }
        if within(root, real) {
            throw SourceError(SourceLocation(file: display), "refusing to build into \(real): it is the project folder or contains it, and a build replaces its output folder whole; choose a folder of its own (default: Output)")
        }
        for input in [project.data, project.templates] {
            let inputReal = RealPaths.resolve(input.path) ?? input.standardizedFileURL.path
            if within(real, inputReal) || within(inputReal, real) {
                throw SourceError(SourceLocation(file: display), "refusing to build into \(real): it overlaps the input folder \(project.display(input)); choose a folder of its own (default: Output)")
            }
        }
        let isDefault = project.output.standardizedFileURL.path == project.root.appendingPathComponent("Output").standardizedFileURL.path
        try checkReplaceable(project.output, display: display, legacy: isDefault)
    }

    /// Refuses a folder that exists, is not Chartbook's (no marker) and holds anything but placeholders.
    /// The project's own `Output/` written by a Chartbook from before the marker is accepted once
    /// it holds a `.gitkeep`, as every build of those versions left there.
    static func checkReplaceable(_ output: URL, display: String, legacy: Bool = false) throws(SourceError) {
        var info = stat()
        guard lstat(output.path, &info) == 0 else { return } // new: nothing to lose
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw SourceError(SourceLocation(file: display), "the output path exists and is not a folder; refusing to replace it")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: output.path) else {
            throw SourceError(SourceLocation(file: display), "cannot list the output folder; refusing to replace it")
        }
        if names.contains(markerName) || (legacy && names.contains(".gitkeep") && names.contains("index.html")) { return }
        let others = names.filter { !placeholders.contains($0) }
        if others.isEmpty { return }
        throw SourceError(SourceLocation(file: display), "the output folder holds files Chartbook did not write (\(others.sorted().prefix(3).joined(separator: ", "))\(others.count > 3 ? ", …" : "")) and no \(markerName) marker; a build replaces its output whole, so it will not touch this folder. Choose an empty or new folder")
    }

    /// Whether a folder beside the output (the spare, a killed build's staging) is one Chartbook made.
    /// Folders from versions before the marker are known by the `.gitkeep` and `index.html` every
    /// build of theirs wrote (these folders carry Chartbook's own names, so nothing else has them).
    static func isOurs(_ folder: String) -> Bool {
        var info = stat()
        if lstat(folder + "/" + markerName, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG { return true }
        return lstat(folder + "/.gitkeep", &info) == 0 && lstat(folder + "/index.html", &info) == 0
    }

    /// Writes the marker (and the `.gitkeep` that keeps `Output/` in version control) into a build's output.
    static func mark(_ sink: OutputSink) throws(SourceError) {
        try sink.write(markerName, markerText)
        try sink.write(".gitkeep", "")
    }

    /// The real path of a folder that does not exist yet: its nearest existing ancestor resolved.
    static func resolveMissing(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var tail: [String] = []
        while url.path != "/" {
            if let real = RealPaths.resolve(url.path) {
                return tail.reversed().reduce(real) { $0 + "/" + $1 }
            }
            tail.append(url.lastPathComponent)
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
