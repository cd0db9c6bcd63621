import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cairo functions `ChartPainter` draws with, looked up once with `dlopen`: loading cairo at
/// run time (rather than linking it) lets a machine without it still build the web site.
struct Cairo: @unchecked Sendable {
    typealias Context = UnsafeMutableRawPointer
    typealias Surface = UnsafeMutableRawPointer

    /// CAIRO_FORMAT_RGB24: 32 bits a pixel, the top 8 unused (no alpha: charts sit on white).
    static let formatRGB24: Int32 = 1

    let imageSurfaceCreate: @convention(c) (Int32, Int32, Int32) -> Surface?
    let surfaceDestroy: @convention(c) (Surface) -> Void
    let surfaceFlush: @convention(c) (Surface) -> Void
    let imageSurfaceGetData: @convention(c) (Surface) -> UnsafeMutablePointer<UInt8>?
    let imageSurfaceGetStride: @convention(c) (Surface) -> Int32
    let create: @convention(c) (Surface) -> Context?
    let destroy: @convention(c) (Context) -> Void
    let save: @convention(c) (Context) -> Void
    let restore: @convention(c) (Context) -> Void
    let scale: @convention(c) (Context, Double, Double) -> Void
    let setSourceRGBA: @convention(c) (Context, Double, Double, Double, Double) -> Void
    let paint: @convention(c) (Context) -> Void
    let newPath: @convention(c) (Context) -> Void
    let moveTo: @convention(c) (Context, Double, Double) -> Void
    let lineTo: @convention(c) (Context, Double, Double) -> Void
    let closePath: @convention(c) (Context) -> Void
    let rectangle: @convention(c) (Context, Double, Double, Double, Double) -> Void
    let arc: @convention(c) (Context, Double, Double, Double, Double, Double) -> Void
    let fill: @convention(c) (Context) -> Void
    let fillPreserve: @convention(c) (Context) -> Void
    let stroke: @convention(c) (Context) -> Void
    let clip: @convention(c) (Context) -> Void
    let setLineWidth: @convention(c) (Context, Double) -> Void
    let setTolerance: @convention(c) (Context, Double) -> Void
    let setLineJoin: @convention(c) (Context, Int32) -> Void
    let setLineCap: @convention(c) (Context, Int32) -> Void
    let setDash: @convention(c) (Context, UnsafePointer<Double>?, Int32, Double) -> Void
    let selectFontFace: @convention(c) (Context, UnsafePointer<CChar>, Int32, Int32) -> Void
    let setFontSize: @convention(c) (Context, Double) -> Void
    /// `cairo_text_extents`: x_bearing, y_bearing, width, height, x_advance, y_advance.
    let textExtents: @convention(c) (Context, UnsafePointer<CChar>, UnsafeMutablePointer<Double>) -> Void
    let showText: @convention(c) (Context, UnsafePointer<CChar>) -> Void
    let textPath: @convention(c) (Context, UnsafePointer<CChar>) -> Void

    /// This machine's cairo (Debian's libcairo2), loaded once; nil when it has none.
    static let shared: Cairo? = load()

    private static func load() -> Cairo? {
        guard let lib = dlopen("libcairo.so.2", RTLD_NOW) else { return nil }
        func f<T>(_ name: String) -> T? { dlsym(lib, name).map { unsafeBitCast($0, to: T.self) } }
        guard let imageSurfaceCreate: @convention(c) (Int32, Int32, Int32) -> Surface? = f("cairo_image_surface_create"),
              let surfaceDestroy: @convention(c) (Surface) -> Void = f("cairo_surface_destroy"),
              let surfaceFlush: @convention(c) (Surface) -> Void = f("cairo_surface_flush"),
              let imageSurfaceGetData: @convention(c) (Surface) -> UnsafeMutablePointer<UInt8>? = f("cairo_image_surface_get_data"),
              let imageSurfaceGetStride: @convention(c) (Surface) -> Int32 = f("cairo_image_surface_get_stride"),
              let create: @convention(c) (Surface) -> Context? = f("cairo_create"),
              let destroy: @convention(c) (Context) -> Void = f("cairo_destroy"),
              let save: @convention(c) (Context) -> Void = f("cairo_save"),
              let restore: @convention(c) (Context) -> Void = f("cairo_restore"),
              let scale: @convention(c) (Context, Double, Double) -> Void = f("cairo_scale"),
              let setSourceRGBA: @convention(c) (Context, Double, Double, Double, Double) -> Void = f("cairo_set_source_rgba"),
              let paint: @convention(c) (Context) -> Void = f("cairo_paint"),
              let newPath: @convention(c) (Context) -> Void = f("cairo_new_path"),
              let moveTo: @convention(c) (Context, Double, Double) -> Void = f("cairo_move_to"),
              let lineTo: @convention(c) (Context, Double, Double) -> Void = f("cairo_line_to"),
              let closePath: @convention(c) (Context) -> Void = f("cairo_close_path"),
              let rectangle: @convention(c) (Context, Double, Double, Double, Double) -> Void = f("cairo_rectangle"),
              let arc: @convention(c) (Context, Double, Double, Double, Double, Double) -> Void = f("cairo_arc"),
              let fill: @convention(c) (Context) -> Void = f("cairo_fill"),
              let fillPreserve: @convention(c) (Context) -> Void = f("cairo_fill_preserve"),
              let stroke: @convention(c) (Context) -> Void = f("cairo_stroke"),
              let clip: @convention(c) (Context) -> Void = f("cairo_clip"),
              let setLineWidth: @convention(c) (Context, Double) -> Void = f("cairo_set_line_width"),
              let setTolerance: @convention(c) (Context, Double) -> Void = f("cairo_set_tolerance"),
              let setLineJoin: @convention(c) (Context, Int32) -> Void = f("cairo_set_line_join"),
              let setLineCap: @convention(c) (Context, Int32) -> Void = f("cairo_set_line_cap"),
              let setDash: @convention(c) (Context, UnsafePointer<Double>?, Int32, Double) -> Void = f("cairo_set_dash"),
              let selectFontFace: @convention(c) (Context, UnsafePointer<CChar>, Int32, Int32) -> Void = f("cairo_select_font_face"),
              let setFontSize: @convention(c) (Context, Double) -> Void = f("cairo_set_font_size"),
              let textExtents: @convention(c) (Context, UnsafePointer<CChar>, UnsafeMutablePointer<Double>) -> Void = f("cairo_text_extents"),
              let showText: @convention(c) (Context, UnsafePointer<CChar>) -> Void = f("cairo_show_text"),
              let textPath: @convention(c) (Context, UnsafePointer<CChar>) -> Void = f("cairo_text_path")
        else { return nil }
        return Cairo(imageSurfaceCreate: imageSurfaceCreate, surfaceDestroy: surfaceDestroy, surfaceFlush: surfaceFlush,
                     imageSurfaceGetData: imageSurfaceGetData, imageSurfaceGetStride: imageSurfaceGetStride, create: create,
                     destroy: destroy, save: save, restore: restore, scale: scale, setSourceRGBA: setSourceRGBA, paint: paint,
                     newPath: newPath, moveTo: moveTo, lineTo: lineTo, closePath: closePath, rectangle: rectangle, arc: arc,
                     fill: fill, fillPreserve: fillPreserve, stroke: stroke, clip: clip, setLineWidth: setLineWidth, setTolerance: setTolerance,
                     setLineJoin: setLineJoin, setLineCap: setLineCap, setDash: setDash, selectFontFace: selectFontFace,
                     setFontSize: setFontSize, textExtents: textExtents, showText: showText, textPath: textPath)
    }
}
