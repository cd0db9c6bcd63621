import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file the build produced, by its path under the output folder.
public struct OutputFile: Sendable {
    public var path: String
    public var data: Data

    public init(path: String, contents: String) {
        self.path = path
        self.data = Data(contents.utf8)
    }

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    /// The file as text (for tests and checks).
    public var text: String { String(decoding: data, as: UTF8.self) }
}
