import ChartbookCore
import ChartbookData
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Identifies the running Chartbook build (its executable's path, size and modification time), so a
/// new version never reuses pages an older one rendered.
enum EngineIdentity {
    static let current: String = {
        let path = (CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }) ?? ""
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "chartbook|\(path)|\(size)|\(time)"
    }()
}
