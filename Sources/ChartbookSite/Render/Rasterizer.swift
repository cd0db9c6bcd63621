import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns chart SVG into PNG for places that cannot show SVG: email clients and social-card images.
///
/// `ChartPainter` draws the chart's SVG with cairo in this process; cairo is loaded with `dlopen`
/// when the build starts, so a machine without it still builds the web site. A process per image
/// (`rsvg-convert`) cost about 90 ms each, and librsvg in process about 10 ms, most of it laying out
/// text; cairo's glyph cache is shared by every chart and thread. The pixels are encoded by
/// `PNGEncoder` (a palette where the chart's colours allow).
public struct Rasterizer: Sendable {
    let cairo: Cairo

    /// The rasterizer of this machine (Debian's libcairo2), or nil when it has none.
    public static func find() -> Rasterizer? {
        Cairo.shared.map { Rasterizer(cairo: $0) }
    }

    /// The PNG of `svg` drawn `width` × `height` CSS pixels at `scale` (2 for sharp images on
    /// high-density screens), on a white background; `compression` is zlib's level (0 for timing the drawing alone).
    public func png(_ svg: String, width: Double, height: Double, scale: Double = 2, compression: Int32 = PNGEncoder.defaultLevel) throws(RasterizerError) -> Data {
        try pngs(svg, width: width, height: height, scale: scale, compression: compression)[0]
    }

    /// The PNG of the whole drawing, then one of each band of rows in `crops` (CSS pixels from the
    /// top): one drawing for pictures that share their pixels (a social card and its chart's plot).
    public func pngs(_ svg: String, width: Double, height: Double, scale: Double = 2, compression: Int32 = PNGEncoder.defaultLevel,
                     crops: [(top: Double, height: Double)] = []) throws(RasterizerError) -> [Data] {
        let pixelWidth = Int((width * scale).rounded()), pixelHeight = Int((height * scale).rounded())
        guard pixelWidth > 0, pixelHeight > 0, pixelWidth <= 8192, pixelHeight <= 8192 else {
            throw RasterizerError(message: "an image of \(pixelWidth) × \(pixelHeight) pixels is out of range")
        }
        let bands = crops.map { (top: Int(($0.top * scale).rounded()), rows: Int(($0.height * scale).rounded())) }
        for band in bands where band.top < 0 || band.rows <= 0 || band.top + band.rows > pixelHeight {
            throw RasterizerError(message: "rows \(band.top)..<\(band.top + band.rows) are outside an image \(pixelHeight) rows tall")
        }
        let c = cairo
        guard let surface = c.imageSurfaceCreate(Cairo.formatRGB24, Int32(pixelWidth), Int32(pixelHeight)) else {
            throw RasterizerError(message: "cairo cannot make an image surface")
        }
        defer { c.surfaceDestroy(surface) }
        guard let cr = c.create(surface) else { throw RasterizerError(message: "cairo cannot draw on the surface") }
        c.setSourceRGBA(cr, 1, 1, 1, 1)
        c.paint(cr)
        do {
            try ChartPainter(cairo: c, cr: cr).paint(svg, scale: scale)
        } catch {
            c.destroy(cr)
            throw RasterizerError(message: error.description)
        }
        c.destroy(cr)
        c.surfaceFlush(surface)
        guard let pixels = c.imageSurfaceGetData(surface) else { throw RasterizerError(message: "cairo gave no pixels") }
        let stride = Int(c.imageSurfaceGetStride(surface))
        let whole = PNGEncoder.encode(xrgb: UnsafeRawPointer(pixels), width: pixelWidth, height: pixelHeight, stride: stride, level: compression)
        return [whole] + bands.map { band in
            PNGEncoder.encode(xrgb: UnsafeRawPointer(pixels + band.top * stride), width: pixelWidth, height: band.rows, stride: stride, level: compression)
        }
    }

    /// Why an image could not be drawn.
    public struct RasterizerError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "cannot draw a PNG: \(message)" }
    }
}
