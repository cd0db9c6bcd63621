/// Colours for charts. Marks write the concrete colours of the chosen theme as presentation
/// attributes (what rasterisers see); a light chart also carries a `prefers-color-scheme: dark`
/// stylesheet so browsers in dark mode switch it to the dark colours.
public struct ChartTheme: Sendable, Equatable {
    public var name: String
    /// Series colours; each has at least 3:1 contrast on `background` (WCAG 1.4.11).
    public var palette: [String]
    public var background: String
    public var text: String
    public var mutedText: String
    public var grid: String
    public var baseline: String
    /// Neutral fill for shaded date ranges.
    public var band: String
    /// Colour for context series and de-emphasised bars.
    public var context: String
    /// Text sizes in SVG units, set by the format the chart is laid out for.
    public var sizes = TypeSizes.desktop

    public static let light = ChartTheme(
        name: "light",
        palette: ["#0f5499", "#c13a15", "#00805a", "#8b3f9e", "#a85f00", "#2f6f7e"],
        background: "#ffffff", text: "#1a1a1a", mutedText: "#5c5c5c", grid: "#dcdcdc", baseline: "#333333",
        band: "#efe9e1", context: "#9a948e")

    public static let dark = ChartTheme(
        name: "dark",
        palette: ["#7fb6f0", "#ff8f6b", "#4fd1a5", "#d59be6", "#f2b45c", "#7fd0de"],
        background: "#161a1f", text: "#f0f0f0", mutedText: "#a8a8a8", grid: "#3a3f45", baseline: "#c8c8c8",
        band: "#262c33", context: "#6e757c")

    public static func named(_ name: String) -> ChartTheme? { ["light": light, "dark": dark][name] }

    public func color(_ index: Int) -> String { palette[index % palette.count] }

    public static let fontFamily = "'Helvetica Neue', Arial, 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif"

    /// Class names tie each element to its dark-mode colour: `cb-s3` strokes and `cb-f3` fills series 3.
    public static func strokeClass(_ index: Int) -> String { "cb-s\(index % light.palette.count)" }
    public static func fillClass(_ index: Int) -> String { "cb-f\(index % light.palette.count)" }

    /// The stylesheet that moves a light chart to dark colours in dark mode (class rules beat attributes).
    public static let darkModeStyle: String = {
        let d = dark
        var css = "@media (prefers-color-scheme: dark){"
        css += ".cb-bg{fill:\(d.background)}.cb-title{fill:\(d.text)}.cb-muted{fill:\(d.mutedText)}.cb-grid{stroke:\(d.grid)}.cb-ink{stroke:\(d.text)}"
        css += ".cb-base{stroke:\(d.baseline)}.cb-halo{stroke:\(d.background)}.cb-band{fill:\(d.band)}.cb-ctxs{stroke:\(d.context)}.cb-ctxf{fill:\(d.context)}"
        for (i, c) in d.palette.enumerated() { css += ".cb-s\(i){stroke:\(c)}.cb-f\(i){fill:\(c)}" }
        css += "}"
        return css
    }()
}
