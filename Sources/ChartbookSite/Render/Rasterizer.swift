import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns chart SVG into PNG for places that cannot show SVG: email clients and social-card images.
///
/// librsvg and cairo are called in this process through their C APIs, loaded with `dlopen` when the
/// build starts: a process per image (`rsvg-convert`) cost about 90 ms of start-up and font loading
/// each, and loading the libraries at run time (rather than linking them) lets a machine without
/// them still build the web site. Each thread keeps its own fonts (pango's per-thread font map), so
/// fonts are set up once per thread, not once per chart. The pixels are encoded by `PNGEncoder`
/// (a palette where the chart's colours allow).
public struct Rasterizer: Sendable {
    let library: RsvgLibrary

    /// The rasterizer of this machine (Debian's librsvg2-2 and libcairo2), or nil when it has none.
    public static func find() -> Rasterizer? {
        RsvgLibrary.shared.map { Rasterizer(library: $0) }
    }

    /// The PNG of `svg` drawn `width` × `height` CSS pixels at `scale` (2 for sharp images on
    /// high-density screens), on a white background; `compression` is zlib's level (0 for timing the drawing alone).
    public func png(_ svg: String, width: Double, height: Double, scale: Double = 2, compression: Int32 = 6) throws(RasterizerError) -> Data {
        let pixelWidth = Int((width * scale).rounded()), pixelHeight = Int((height * scale).rounded())
        guard pixelWidth > 0, pixelHeight > 0, pixelWidth <= 8192, pixelHeight <= 8192 else {
            throw RasterizerError(message: "an image of \(pixelWidth) × \(pixelHeight) pixels is out of range")
        }
        let l = library
        var svgBytes = Array(svg.utf8)
        var error: UnsafeMutableRawPointer?
        guard let handle = svgBytes.withUnsafeMutableBufferPointer({ l.newFromData($0.baseAddress, $0.count, &error) }) else {
            defer { if let error { l.errorFree(error) } }
            throw RasterizerError(message: "librsvg cannot read the SVG: \(RsvgLibrary.message(error))")
        }
        defer { l.unref(handle) }
        guard let surface = l.imageSurfaceCreate(RsvgLibrary.formatRGB24, Int32(pixelWidth), Int32(pixelHeight)) else {
            throw RasterizerError(message: "cairo cannot make an image surface")
        }
        defer { l.surfaceDestroy(surface) }
        guard let cr = l.create(surface) else { throw RasterizerError(message: "cairo cannot draw on the surface") }
        l.setSourceRGB(cr, 1, 1, 1)
        l.paint(cr)
        // RsvgRectangle: x, y, width, height as four doubles.
        let viewport: [Double] = [0, 0, Double(pixelWidth), Double(pixelHeight)]
        let drawn = viewport.withUnsafeBytes { l.renderDocument(handle, cr, $0.baseAddress!, &error) }
        l.destroy(cr)
        guard drawn != 0 else {
            defer { if let error { l.errorFree(error) } }
            throw RasterizerError(message: "librsvg cannot draw the SVG: \(RsvgLibrary.message(error))")
        }
        l.surfaceFlush(surface)
        guard let pixels = l.imageSurfaceGetData(surface) else { throw RasterizerError(message: "cairo gave no pixels") }
        let stride = Int(l.imageSurfaceGetStride(surface))
        return PNGEncoder.encode(xrgb: UnsafeRawPointer(pixels), width: pixelWidth, height: pixelHeight, stride: stride, level: compression)
    }

    /// Why an image could not be drawn.
    public struct RasterizerError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "cannot draw a PNG: \(message)" }
    }
}

/// The few functions of librsvg, cairo and GObject the rasterizer calls, looked up once.
struct RsvgLibrary: @unchecked Sendable {
    /// CAIRO_FORMAT_RGB24: 32 bits a pixel, the top 8 unused (no alpha: charts sit on white).
    static let formatRGB24: Int32 = 1

    typealias NewFromData = @convention(c) (UnsafePointer<UInt8>?, Int, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> UnsafeMutableRawPointer?
    typealias RenderDocument = @convention(c) (UnsafeMutableRawPointer, UnsafeMutableRawPointer, UnsafeRawPointer, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32
    typealias Pointer = @convention(c) (UnsafeMutableRawPointer) -> Void
    typealias PointerToPointer = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutableRawPointer?
    typealias SurfaceCreate = @convention(c) (Int32, Int32, Int32) -> UnsafeMutableRawPointer?
    typealias SetSourceRGB = @convention(c) (UnsafeMutableRawPointer, Double, Double, Double) -> Void
    typealias GetStride = @convention(c) (UnsafeMutableRawPointer) -> Int32
    typealias GetData = @convention(c) (UnsafeMutableRawPointer) -> UnsafeMutablePointer<UInt8>?

    let newFromData: NewFromData
    let renderDocument: RenderDocument
    let unref: Pointer
    let errorFree: Pointer
    let imageSurfaceCreate: SurfaceCreate
    let create: PointerToPointer
    let destroy: Pointer
    let setSourceRGB: SetSourceRGB
    let paint: Pointer
    let surfaceFlush: Pointer
    let surfaceDestroy: Pointer
    let imageSurfaceGetData: GetData
    let imageSurfaceGetStride: GetStride

    /// The libraries of this machine, loaded once; nil when any is missing.
    static let shared: RsvgLibrary? = load()

    private static func load() -> RsvgLibrary? {
        guard let rsvg = dlopen("librsvg-2.so.2", RTLD_NOW), let cairo = dlopen("libcairo.so.2", RTLD_NOW),
              let gobject = dlopen("libgobject-2.0.so.0", RTLD_NOW), let glib = dlopen("libglib-2.0.so.0", RTLD_NOW) else { return nil }
        func symbol<T>(_ library: UnsafeMutableRawPointer, _ name: String, _ type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let newFromData = symbol(rsvg, "rsvg_handle_new_from_data", NewFromData.self),
              let renderDocument = symbol(rsvg, "rsvg_handle_render_document", RenderDocument.self),
              let unref = symbol(gobject, "g_object_unref", Pointer.self),
              let errorFree = symbol(glib, "g_error_free", Pointer.self),
              let imageSurfaceCreate = symbol(cairo, "cairo_image_surface_create", SurfaceCreate.self),
              let create = symbol(cairo, "cairo_create", PointerToPointer.self),
              let destroy = symbol(cairo, "cairo_destroy", Pointer.self),
              let setSourceRGB = symbol(cairo, "cairo_set_source_rgb", SetSourceRGB.self),
              let paint = symbol(cairo, "cairo_paint", Pointer.self),
              let surfaceFlush = symbol(cairo, "cairo_surface_flush", Pointer.self),
              let surfaceDestroy = symbol(cairo, "cairo_surface_destroy", Pointer.self),
              let imageSurfaceGetData = symbol(cairo, "cairo_image_surface_get_data", GetData.self),
              let imageSurfaceGetStride = symbol(cairo, "cairo_image_surface_get_stride", GetStride.self)
        else { return nil }
        return RsvgLibrary(newFromData: newFromData, renderDocument: renderDocument, unref: unref, errorFree: errorFree,
                           imageSurfaceCreate: imageSurfaceCreate, create: create, destroy: destroy, setSourceRGB: setSourceRGB,
                           paint: paint, surfaceFlush: surfaceFlush, surfaceDestroy: surfaceDestroy,
                           imageSurfaceGetData: imageSurfaceGetData, imageSurfaceGetStride: imageSurfaceGetStride)
    }

    /// The message of a GError (its third field, after the domain and code).
    static func message(_ error: UnsafeMutableRawPointer?) -> String {
        guard let error else { return "unknown error" }
        let text = error.load(fromByteOffset: 8, as: UnsafePointer<CChar>?.self)
        return text.map { String(cString: $0) } ?? "unknown error"
    }
}
