/// Colours and type for charts: concrete light-theme attributes (what rasterisers see) plus a
/// dark-mode stylesheet that browsers apply through `prefers-color-scheme`.
public enum Theme {
    /// Line colours on white, each with at least 3:1 contrast (WCAG 1.4.11).
    public static let lightPalette = ["#0f5499", "#c13a15", "#00805a", "#8b3f9e", "#b4690e", "#2f6f7e"]
    /// Lighter tints of the same hues for the dark background (#161a1f), each above 3:1 there.
    public static let darkPalette = ["#7fb6f0", "#ff8f6b", "#4fd1a5", "#d59be6", "#f2b45c", "#7fd0de"]

    public static let background = "#ffffff"
    public static let text = "#1a1a1a"
    public static let mutedText = "#5c5c5c"
    public static let grid = "#dcdcdc"
    public static let baseline = "#333333"
    public static let fontFamily = "'Helvetica Neue', Arial, 'PingFang SC', 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif"

    public static let titleSize = 18.0
    public static let subtitleSize = 14.0
    public static let labelSize = 12.5
    public static let sourceSize = 11.5

    public static func color(_ index: Int) -> String { lightPalette[index % lightPalette.count] }

    /// The `<style>` that switches a chart to dark colours; class rules beat presentation attributes.
    public static let darkStyle: String = {
        var css = "@media (prefers-color-scheme: dark){"
        css += ".cb-bg{fill:#161a1f}.cb-title{fill:#f0f0f0}.cb-muted{fill:#a8a8a8}.cb-grid{stroke:#3a3f45}"
        css += ".cb-base{stroke:#c8c8c8}.cb-halo{stroke:#161a1f}"
        for (i, c) in darkPalette.enumerated() { css += ".cb-s\(i){stroke:\(c)}.cb-t\(i){fill:\(c)}" }
        css += "}"
        return css
    }()
}
