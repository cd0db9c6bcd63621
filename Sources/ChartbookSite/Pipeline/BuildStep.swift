import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown
import Foundation

/// A named stage of the build, so progress and timing can be reported per stage.
public struct BuildStep: Sendable {
    public let name: String
    let run: @Sendable (inout BuildContext) throws(SourceError) -> Void
}
