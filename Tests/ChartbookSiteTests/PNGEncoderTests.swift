import Foundation
@testable import ChartbookSite
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// PNGs written by `PNGEncoder` decode (by an independent reader here: chunks, CRCs, zlib's
/// `uncompress`, row filters) to the pixels that went in: exactly when a picture has at most 256
/// colours, and within the nearest palette colour otherwise.
@Suite struct PNGEncoderTests {
    typealias Uncompress = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt>, UnsafePointer<UInt8>, UInt) -> Int32
    static let uncompress: Uncompress? = dlopen("libz.so.1", RTLD_NOW).flatMap { dlsym($0, "uncompress") }.map { unsafeBitCast($0, to: Uncompress.self) }

    /// The RGB of every pixel of a PNG this encoder writes (8-bit palette or RGB, not interlaced).
    static func decode(_ png: Data) throws -> (width: Int, height: Int, rgb: [UInt32]) {
        let b = [UInt8](png)
        #expect(Array(b.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        var i = 8, width = 0, height = 0, colorType = 0
        var palette: [UInt32] = [], idat: [UInt8] = []
        while i < b.count {
            let length = be32(i), type = String(decoding: b[i + 4..<i + 8], as: UTF8.self), data = Array(b[i + 8..<i + 8 + length])
            #expect(UInt32(be32(i + 8 + length)) == Zlib.crc32(Array(b[i + 4..<i + 8 + length])), "CRC of \(type)")
            switch type {
            case "IHDR": width = be32(i + 8); height = be32(i + 12); colorType = Int(data[9]); #expect(data[8] == 8)
            case "PLTE": palette = stride(from: 0, to: data.count, by: 3).map { UInt32(data[$0]) << 16 | UInt32(data[$0 + 1]) << 8 | UInt32(data[$0 + 2]) }
            case "IDAT": idat += data
            default: break
            }
            i += 12 + length
        }
        let bpp = colorType == 3 ? 1 : 3, rowBytes = width * bpp
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * height)
        var size = UInt(raw.count)
        let inflate = try #require(Self.uncompress)
        let status = inflate(&raw, &size, idat, UInt(idat.count))
        #expect(status == 0 && Int(size) == raw.count)
        var rows = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            let filter = raw[y * (rowBytes + 1)]
            for x in 0..<rowBytes {
                let v = raw[y * (rowBytes + 1) + 1 + x]
                let left = x >= bpp ? rows[y * rowBytes + x - bpp] : 0, up = y > 0 ? rows[(y - 1) * rowBytes + x] : 0
                rows[y * rowBytes + x] = filter == 0 ? v : filter == 1 ? v &+ left : v &+ up
            }
        }
        let rgb: [UInt32] = (0..<width * height).map { p in
            bpp == 1 ? palette[Int(rows[p])] : UInt32(rows[3 * p]) << 16 | UInt32(rows[3 * p + 1]) << 8 | UInt32(rows[3 * p + 2])
        }
        return (width, height, rgb)
    }

    static func encode(_ pixels: [UInt32], width: Int, height: Int) -> Data {
        pixels.withUnsafeBytes { PNGEncoder.encode(xrgb: $0.baseAddress!, width: width, height: height, stride: width * 4) }
    }

    @Test func fewColoursComeBackExactly() throws {
        let (w, h) = (97, 31)
        let colours: [UInt32] = [0xFFFFFF, 0x0F5499, 0xC13A15, 0x00805A, 0x333333]
        let pixels = (0..<w * h).map { colours[($0 / 7 + $0 % 5) % colours.count] | 0xFF00_0000 } // the unused top byte set: ignored
        let png = Self.encode(pixels, width: w, height: h)
        let decoded = try Self.decode(png)
        #expect(decoded.width == w && decoded.height == h)
        #expect(decoded.rgb == pixels.map { $0 & 0xFF_FFFF })
        #expect(png[25] == 3, "a palette image")
    }

    @Test func manyShadesMapToTheNearestPaletteColour() throws {
        // 300 greys in a gradient plus a dominant white: more than a palette holds.
        let (w, h) = (300, 40)
        let pixels = (0..<w * h).map { p -> UInt32 in
            let x = p % w
            if p / w < 30 { return 0xFFFFFF }
            let g = UInt32(x * 255 / (w - 1))
            return g << 16 | g << 8 | g
        }
        let decoded = try Self.decode(Self.encode(pixels, width: w, height: h))
        let worst = zip(decoded.rgb, pixels).map { a, b in abs(Int(a & 0xFF) - Int(b & 0xFF)) }.max() ?? 0
        // The palette keeps 96 colours: 256 greys share them, none moves by more than a few levels.
        #expect(worst <= 4, "a grey moved by \(worst) levels")
    }

    @Test func picturesWithTooManyColoursAreWrittenAsRGB() throws {
        let (w, h) = (128, 64)
        var state: UInt32 = 1
        let pixels = (0..<w * h).map { _ -> UInt32 in state = state &* 1_664_525 &+ 1_013_904_223; return state >> 8 }
        let png = Self.encode(pixels, width: w, height: h)
        #expect(png[25] == 2, "an RGB image")
        #expect(try Self.decode(png).rgb == pixels.map { $0 & 0xFF_FFFF })
    }

    @Test func theFallbackCRCAndStoredStreamMatchZlib() throws {
        let bytes = Array("IDAT chartbook".utf8) + (0..<70_000).map { UInt8($0 % 251) }
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc ^= UInt32(b); for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 } }
        #expect(~crc == Zlib.crc32(bytes))
        let stored = Zlib.stored(bytes)
        var out = [UInt8](repeating: 0, count: bytes.count)
        var size = UInt(out.count)
        let inflate = try #require(Self.uncompress)
        let status = inflate(&out, &size, stored, UInt(stored.count))
        #expect(status == 0)
        #expect(out == bytes)
    }

    /// A chart through the painter and cairo: the image has the chart's size at 2× and mostly white pixels.
    @Test(.enabled(if: Rasterizer.find() != nil)) func aChartDrawsAtTwiceItsSize() throws {
        let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="100%"><rect width="100%" height="100%" fill="#fff"/><path d="M10,90L190,10" stroke="#0f5499" stroke-width="2"/><text x="10" y="20" font-size="12">日本 2025</text></svg>"##
        let png = try #require(Rasterizer.find()).png(svg, width: 200, height: 100)
        let decoded = try Self.decode(png)
        #expect(decoded.width == 400 && decoded.height == 200)
        #expect(decoded.rgb.filter { $0 == 0xFFFFFF }.count > decoded.rgb.count / 2)
        #expect(decoded.rgb.contains(0x0F5499), "the line's colour is in the picture")
    }
}
