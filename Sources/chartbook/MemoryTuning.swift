#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed memory in the process for reuse. By default glibc maps each block of 128 KB or more
/// (a page's HTML, a 30-year series) on its own and unmaps it on free, so the next such block
/// faults in freshly zeroed pages from the kernel: an eighth of an archive build's time went to
/// that. Peak memory stays put (the same blocks are reused, not added).
enum MemoryTuning {
    static func keepFreedMemory() {
        #if os(Linux)
        // `mallopt` lives in <malloc.h>, which the Glibc module does not export; look it up instead.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3 // M_* in <malloc.h>
        _ = mallopt(mmapThreshold, 256 << 20)
        _ = mallopt(trimThreshold, 512 << 20)
        _ = mallopt(topPad, 64 << 20)
        #endif
    }
}
