import Foundation

/// Colour for terminal output: only on an interactive terminal, and never when NO_COLOR is set
/// (https://no-color.org).
enum Style {
    static let enabled: Bool = ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true && isatty(STDERR_FILENO) != 0

    /// `file:line: error: …` with the severity word coloured.
    static func diagnostic(_ text: String) -> String {
        guard enabled else { return text }
        return text.replacingOccurrences(of: ": error: ", with: ": \u{1B}[31merror:\u{1B}[0m ")
            .replacingOccurrences(of: ": warning: ", with: ": \u{1B}[33mwarning:\u{1B}[0m ")
            .replacingOccurrences(of: ": note: ", with: ": \u{1B}[36mnote:\u{1B}[0m ")
    }
}
