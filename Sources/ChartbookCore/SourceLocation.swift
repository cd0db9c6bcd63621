/// Where in a project file something was found, so every error can point the author at it.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// Path as the user should see it, relative to the project folder where possible.
    public var file: String
    /// 1-based line, or nil when only the file is known.
    public var line: Int?
    /// 1-based column, or nil when unknown.
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, omitting what is unknown, the form editors and CI logs recognise.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let line = line, let column, line > 0 { text += ":\(column)" }
        return text
    }

    /// The same location moved down by `lines` (for YAML embedded in a Markdown file).
    public func offset(lines: Int, columns: Int = 0) -> SourceLocation {
        SourceLocation(file: file, line: line.map { $0 + lines }, column: column.map { $0 + columns })
    }
}

/// An error in the user's input, with the place it was found; the CLI prints it as `file:line:col: error: message`.
public struct SourceError: Error, Sendable, CustomStringConvertible, Equatable {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): error: \(message)" }
}
