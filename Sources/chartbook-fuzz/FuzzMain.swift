import ChartbookSite
import Foundation

// libFuzzer entry point (built with -sanitize=fuzzer -DFUZZING; see the README's development section),
// or, in a normal build, a replayer that runs saved inputs through the same target.

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzEntryPoints.run(ProcessInfo.processInfo.environment["CHARTBOOK_FUZZ_TARGET"] ?? "delimited", Data(bytes: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

/// SwiftPM links executables through a renamed entry point; hand control to libFuzzer's driver from it.
@_cdecl("chartbook_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in fuzzOne(data, size) }
}
#else
/// `chartbook-fuzz TARGET FILE…`: replays inputs (a corpus, or a crash a fuzzer found).
@main
struct FuzzReplay {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        guard let target = args.first, FuzzEntryPoints.targets.contains(target) else {
            print("usage: chartbook-fuzz \(FuzzEntryPoints.targets.joined(separator: "|")) FILE…")
            exit(64)
        }
        var count = 0
        for path in args.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 } : [path]
            for file in files {
                if let data = FileManager.default.contents(atPath: file) { FuzzEntryPoints.run(target, data); count += 1 }
            }
        }
        print("replayed \(count) input(s) through \(target)")
    }
}
#endif
