import ChartbookCore
import ChartbookData
import Foundation

/// What a new version of a data file changes, series by series: observations added, revised (the
/// same date, another value) and removed. This is what a scheduled job puts in its commit message.
public struct SeriesChange: Codable, Sendable, Equatable {
    public struct Observation: Codable, Sendable, Equatable { public var date: String; public var value: Double }
    public struct Revision: Codable, Sendable, Equatable { public var date: String; public var old: Double; public var new: Double }

    public var series: String
    public var added: [Observation] = []
    public var revised: [Revision] = []
    public var removed: [Observation] = []

    public var isEmpty: Bool { added.isEmpty && revised.isEmpty && removed.isEmpty }

    /// The differences between two versions of one series (missing values, NaN, count as absent).
    public static func between(_ old: Series?, _ new: Series?, id: String) -> SeriesChange {
        func points(_ s: Series?) -> [Day: Double] {
            var out: [Day: Double] = [:]
            guard let s else { return out }
            for (day, value) in zip(s.days, s.values) where value.isFinite { out[day] = value }
            return out
        }
        let before = points(old), after = points(new)
        var change = SeriesChange(series: id)
        for day in after.keys.sorted() {
            guard let value = after[day] else { continue }
            if let was = before[day] {
                // Values as the file writes them: a difference in the last printed digit is a revision.
                if (was - value).magnitude > 1e-9 * max(1, was.magnitude) { change.revised.append(Revision(date: day.description, old: was, new: value)) }
            } else {
                change.added.append(Observation(date: day.description, value: value))
            }
        }
        for day in before.keys.sorted() where after[day] == nil {
            change.removed.append(Observation(date: day.description, value: before[day] ?? .nan))
        }
        return change
    }
}

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
