import ChartbookCore
import ChartbookData
import Foundation

/// One file's outcome in a fetch or import run.
public struct FileOutcome: Codable, Sendable {
    public enum Status: String, Codable, Sendable { case updated, unchanged, notModified = "not-modified", failed, wouldUpdate = "would-update" }
    public var path: String
    public var status: Status
    /// The address fetched, with secrets (`${NAME}` values) masked.
    public var source: String
    public var message: String?
    public var changes: [SeriesChange] = []
}

/// Everything a run did, for people (`text`) and for scripts and CI (`json`).
public struct ChangeReport: Codable, Sendable {
    public var files: [FileOutcome] = []

    public init(files: [FileOutcome] = []) { self.files = files }

    /// Whether any file failed (the command then exits non-zero).
    public var failed: Bool { files.contains { $0.status == .failed } }

    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// A summary fit for a commit message: one line per file, then each series' changes (the first
    /// few revisions written out, since those are what an editor must look at).
    public var text: String {
        var lines: [String] = []
        for file in files {
            var line = "\(file.path): \(file.status.rawValue)"
            if let message = file.message { line += " (\(message))" }
            let series = file.changes.filter { !$0.isEmpty }
            if !series.isEmpty {
                let added = series.reduce(0) { $0 + $1.added.count }, revised = series.reduce(0) { $0 + $1.revised.count }
                let removed = series.reduce(0) { $0 + $1.removed.count }
                line += ": \(added) new, \(revised) revised, \(removed) removed"
            }
            lines.append(line)
            for change in series {
                var parts: [String] = []
                if let last = change.added.last {
                    parts.append("\(change.added.count) new" + (change.added.count == 1 ? " (\(last.date) \(Self.number(last.value)))" : " (to \(last.date) \(Self.number(last.value)))"))
                }
                if !change.revised.isEmpty {
                    let shown = change.revised.prefix(5).map { "\($0.date) \(Self.number($0.old)) → \(Self.number($0.new))" }
                    parts.append("\(change.revised.count) revised: " + shown.joined(separator: ", ") + (change.revised.count > 5 ? ", …" : ""))
                }
                if !change.removed.isEmpty {
                    parts.append("\(change.removed.count) removed: " + change.removed.prefix(5).map(\.date).joined(separator: ", ") + (change.removed.count > 5 ? ", …" : ""))
                }
                lines.append("  \(change.series): " + parts.joined(separator: "; "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String {
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
