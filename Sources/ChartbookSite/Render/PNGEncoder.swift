import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes chart pixels as small PNGs. A chart has a handful of colours plus the anti-aliased
/// shades between them, so it is written with a palette: every colour when there are at most 256,
/// otherwise the 256 most used, each other shade drawn as its nearest palette colour (a chart's
/// shades sit between colours that are in the palette, so the difference is a fraction of a step
/// at the edges of lines and letters). Pictures with too many colours for that are written as RGB.
/// Compression is zlib's (loaded with `dlopen`, as every Debian system has it).
public enum PNGEncoder {
    /// zlib's level for chart PNGs.
    public static let defaultLevel: Int32 = 6

    /// The PNG of cairo RGB24 pixels (`0x00RRGGBB` words, rows `stride` bytes apart).
    static func encode(xrgb: UnsafeRawPointer, width: Int, height: Int, stride: Int, level: Int32 = defaultLevel) -> Data {
        if let (palette, rows) = paletted(xrgb: xrgb, width: width, height: height, stride: stride) {
            var plte: [UInt8] = []
            for color in palette { plte += [UInt8(color >> 16 & 0xFF), UInt8(color >> 8 & 0xFF), UInt8(color & 0xFF)] }
            return file(width: width, height: height, colorType: 3, plte: plte, rows: rows, level: level)
        }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let row = (xrgb + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let c = row[x], i = (y * width + x) * 3
                rgb[i] = UInt8(c >> 16 & 0xFF); rgb[i + 1] = UInt8(c >> 8 & 0xFF); rgb[i + 2] = UInt8(c & 0xFF)
            }
        }
        return file(width: width, height: height, colorType: 2, plte: nil, rows: filtered(rgb, width: width, height: height, bytesPerPixel: 3), level: level)
    }

    /// The most colours a chart's palette keeps. Beyond the chart's own few colours the rest are
    /// anti-aliasing shades; keeping the 96 most used (each other shade drawn as its nearest kept
    /// colour, a fraction of a step away) cut the flagship email's images by a tenth.
    static let paletteLimit = 96

    /// The palette and the image as PNG rows of palette indices (each behind filter byte 0, "none",
    /// which the PNG specification advises for palettes), or nil when the picture has too many
    /// distinct colours for a palette to keep it faithful.
    static func paletted(xrgb: UnsafeRawPointer, width: Int, height: Int, stride: Int) -> ([UInt32], [UInt8])? {
        // Distinct colours and their counts, in an open-addressed table keyed by colour; runs of
        // one colour (most of a chart is background) are counted once per run.
        // (Run lengths are kept as 16 bits; the rasterizer's images are at most 8,192 pixels wide.)
        guard width <= Int(UInt16.max) else { return nil }
        let capacity = 1 << 14, mask = capacity - 1, limit = 6_000
        var keys = [UInt32](repeating: UInt32.max, count: capacity)
        var counts = [Int](repeating: 0, count: capacity)
        var distinct = 0
        // Each run's slot and length, in order, so the second pass neither reads a pixel nor hashes.
        var runSlots: [UInt16] = [], runLengths: [UInt16] = []
        runSlots.reserveCapacity(height * 32)
        runLengths.reserveCapacity(height * 32)
        let tooMany = keys.withUnsafeMutableBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                for y in 0..<height {
                    let row = (xrgb + y * stride).assumingMemoryBound(to: UInt32.self)
                    var x = 0
                    while x < width {
                        let color = row[x] & 0xFF_FFFF
                        var end = x + 1
                        while end < width && row[end] & 0xFF_FFFF == color { end += 1 }
                        var i = Int((color &* 2654435761) >> 18) & mask
                        while keys[i] != UInt32.max && keys[i] != color { i = (i + 1) & mask }
                        if keys[i] == UInt32.max {
                            keys[i] = color
                            distinct += 1
                            if distinct > limit { return true }
                        }
                        counts[i] += end - x
                        runSlots.append(UInt16(truncatingIfNeeded: i))
                        runLengths.append(UInt16(truncatingIfNeeded: end - x))
                        x = end
                    }
                }
                return false
            }
        }
        if tooMany { return nil }
        func slot(_ color: UInt32) -> Int {
            var i = Int((color &* 2654435761) >> 18) & mask
            while keys[i] != UInt32.max && keys[i] != color { i = (i + 1) & mask }
            return i
        }
        // The palette: the most used colours.
        var used: [(color: UInt32, count: Int)] = []
        used.reserveCapacity(distinct)
        for i in 0..<capacity where keys[i] != UInt32.max { used.append((keys[i], counts[i])) }
        used.sort { ($0.count, $0.color) > ($1.count, $1.color) } // deterministic order
        let palette = used.prefix(paletteLimit).map(\.color)
        // Each distinct colour's index: its own, or its nearest palette colour's.
        var indexOf = [UInt8](repeating: 0, count: capacity)
        for (n, color) in palette.enumerated() { indexOf[slot(color)] = UInt8(n) }
        // (Thousands of rare shades against the palette: flat arrays of components keep it quick.)
        let pr = palette.map { Int32($0 >> 16 & 0xFF) }, pg = palette.map { Int32($0 >> 8 & 0xFF) }, pb = palette.map { Int32($0 & 0xFF) }
        pr.withUnsafeBufferPointer { pr in pg.withUnsafeBufferPointer { pg in pb.withUnsafeBufferPointer { pb in
            for entry in used.dropFirst(paletteLimit) {
                var best = 0, bestDistance = Int32.max
                let r = Int32(entry.color >> 16 & 0xFF), g = Int32(entry.color >> 8 & 0xFF), b = Int32(entry.color & 0xFF)
                for n in 0..<pr.count {
                    let dr = r - pr[n], dg = g - pg[n], db = b - pb[n]
                    let distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db
                    if distance < bestDistance { bestDistance = distance; best = n }
                }
                indexOf[slot(entry.color)] = UInt8(best)
            }
        } } }
        var rows = [UInt8](repeating: 0, count: (width + 1) * height)
        indexOf.withUnsafeBufferPointer { indexOf in
            rows.withUnsafeMutableBufferPointer { out in
                var run = 0
                for y in 0..<height {
                    var at = y * (width + 1) + 1 // after the row's filter byte (0)
                    let rowEnd = at + width
                    while at < rowEnd {
                        let index = indexOf[Int(runSlots[run])], length = Int(runLengths[run])
                        UnsafeMutableBufferPointer(rebasing: out[at..<at + length]).update(repeating: index)
                        at += length
                        run += 1
                    }
                }
            }
        }
        return (palette, rows)
    }

    /// Rows of `pixels`, each behind the filter (none, sub or up) that leaves the smallest residuals,
    /// which is what zlib then compresses best (the usual PNG heuristic); palette rows stay unfiltered
    /// (`adaptive: false`), as the PNG specification advises and as measured smaller on charts.
    static func filtered(_ pixels: [UInt8], width: Int, height: Int, bytesPerPixel bpp: Int, adaptive: Bool = true) -> [UInt8] {
        let rowBytes = width * bpp
        var out = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        pixels.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<height {
                    let row = y * rowBytes, above = row - rowBytes
                    var sums = (0, 0, 0)
                    for i in 0..<rowBytes {
                        let v = p[row + i], left = i >= bpp ? p[row + i - bpp] : 0, up = y > 0 ? p[above + i] : 0
                        sums.0 += abs(Int(Int8(bitPattern: v)))
                        sums.1 += abs(Int(Int8(bitPattern: v &- left)))
                        sums.2 += abs(Int(Int8(bitPattern: v &- up)))
                    }
                    let filter: UInt8 = !adaptive || (sums.0 <= sums.1 && sums.0 <= sums.2) ? 0 : sums.1 <= sums.2 ? 1 : 2
                    let start = y * (rowBytes + 1)
                    o[start] = filter
                    for i in 0..<rowBytes {
                        let v = p[row + i], left = i >= bpp ? p[row + i - bpp] : 0, up = y > 0 ? p[above + i] : 0
                        o[start + 1 + i] = filter == 0 ? v : filter == 1 ? v &- left : v &- up
                    }
                }
            }
        }
        return out
    }

    /// A whole PNG file: signature, IHDR, PLTE (for palettes), IDAT, IEND.
    static func file(width: Int, height: Int, colorType: UInt8, plte: [UInt8]?, rows: [UInt8], level: Int32 = defaultLevel) -> Data {
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func chunk(_ type: String, _ data: [UInt8]) {
            let body = Array(type.utf8) + data
            out += be32(data.count) + body + be32(Int(Zlib.crc32(body)))
        }
        chunk("IHDR", be32(width) + be32(height) + [8, colorType, 0, 0, 0])
        if let plte { chunk("PLTE", plte) }
        chunk("IDAT", Zlib.compress(rows, level: level))
        chunk("IEND", [])
        return Data(out)
    }
}

/// zlib's `compress2` and `crc32`, loaded once.
enum Zlib {
    typealias Compress2 = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt>, UnsafePointer<UInt8>, UInt, Int32) -> Int32
    typealias CompressBound = @convention(c) (UInt) -> UInt
    typealias CRC32 = @convention(c) (UInt, UnsafePointer<UInt8>?, UInt32) -> UInt

    struct Functions: @unchecked Sendable { let compress2: Compress2, bound: CompressBound, crc32: CRC32 }

    static let functions: Functions? = {
        guard let z = dlopen("libz.so.1", RTLD_NOW), let c = dlsym(z, "compress2"), let b = dlsym(z, "compressBound"),
              let crc = dlsym(z, "crc32") else { return nil }
        return Functions(compress2: unsafeBitCast(c, to: Compress2.self), bound: unsafeBitCast(b, to: CompressBound.self),
                         crc32: unsafeBitCast(crc, to: CRC32.self))
    }()

    /// A zlib stream of `bytes` at `level`: by libdeflate when the machine has it (about twice as
    /// fast as zlib at a smaller size), else by zlib, else stored blocks (uncompressed).
    static func compress(_ bytes: [UInt8], level: Int32 = PNGEncoder.defaultLevel) -> [UInt8] {
        if level > 0, let d = Libdeflate.functions, let compressor = d.alloc(level) {
            defer { d.free(compressor) }
            var out = [UInt8](repeating: 0, count: d.bound(compressor, bytes.count))
            let size = out.withUnsafeMutableBufferPointer { o in bytes.withUnsafeBufferPointer { i in d.compress(compressor, i.baseAddress!, i.count, o.baseAddress!, o.count) } }
            if size > 0 { return Array(out.prefix(size)) }
        }
        guard let z = functions else { return stored(bytes) }
        var size = z.bound(UInt(bytes.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { o in bytes.withUnsafeBufferPointer { i in z.compress2(o.baseAddress!, &size, i.baseAddress!, UInt(i.count), level) } }
        guard status == 0 else { return stored(bytes) }
        return Array(out.prefix(Int(size)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        if let z = functions { return bytes.withUnsafeBufferPointer { UInt32(z.crc32(0, $0.baseAddress, UInt32($0.count))) } }
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A valid zlib stream of uncompressed blocks, with its Adler-32.
    static func stored(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let n = min(65535, bytes.count - start)
            out.append(start + n == bytes.count ? 1 : 0)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += bytes[start..<start + n]
            start += n
        } while start < bytes.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        let adler = b << 16 | a
        return out + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }
}

/// libdeflate's zlib-format compressor (Debian's libdeflate0), loaded once; nil when absent.
enum Libdeflate {
    struct Functions: @unchecked Sendable {
        let alloc: @convention(c) (Int32) -> OpaquePointer?
        let free: @convention(c) (OpaquePointer) -> Void
        let bound: @convention(c) (OpaquePointer?, Int) -> Int
        let compress: @convention(c) (OpaquePointer, UnsafeRawPointer, Int, UnsafeMutableRawPointer, Int) -> Int
    }

    static let functions: Functions? = {
        guard let lib = dlopen("libdeflate.so.0", RTLD_NOW) else { return nil }
        func f<T>(_ name: String) -> T? { dlsym(lib, name).map { unsafeBitCast($0, to: T.self) } }
        guard let alloc: @convention(c) (Int32) -> OpaquePointer? = f("libdeflate_alloc_compressor"),
              let free: @convention(c) (OpaquePointer) -> Void = f("libdeflate_free_compressor"),
              let bound: @convention(c) (OpaquePointer?, Int) -> Int = f("libdeflate_zlib_compress_bound"),
              let compress: @convention(c) (OpaquePointer, UnsafeRawPointer, Int, UnsafeMutableRawPointer, Int) -> Int = f("libdeflate_zlib_compress")
        else { return nil }
        return Functions(alloc: alloc, free: free, bound: bound, compress: compress)
    }()
}
