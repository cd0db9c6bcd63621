/// The sizes a chart's text is set in, in SVG units: each format picks them so that text reads at
/// its intended size where that format is shown.
public struct TypeSizes: Sendable, Equatable {
    public var title: Double
    public var subtitle: Double
    public var label: Double
    public var source: Double

    public init(title: Double, subtitle: Double, label: Double, source: Double) {
        self.title = title
        self.subtitle = subtitle
        self.label = label
        self.source = source
    }

    /// Shown at about its own width in a desktop column.
    public static let desktop = TypeSizes(title: 18, subtitle: 14, label: 12.5, source: 11.5)
}

/// The widths one chart spec is laid out for. A chart is not shrunk to fit a phone (that made its
/// labels 7 px): it is laid out again for a narrow width, which gives it fewer ticks, shorter tick
/// labels and text at its intended size. Pages carry the desktop and phone layouts and let CSS
/// pick; the email's PNGs use the email layout, sized for a phone's mail client.
public enum ChartFormat: String, Sendable, CaseIterable {
    /// 640 units wide, shown at about 640 CSS px.
    case desktop
    /// 360 units wide, shown at about 360 CSS px in a phone's column.
    case phone
    /// 360 units wide with larger type: an email column is about 311 px on a 375 px phone, and
    /// its text must still be 12 px there.
    case email

    public var width: Double { self == .desktop ? 640 : 360 }

    /// Classes of the elements holding a page's desktop and phone layouts, and the rule that shows
    /// one of them: the phone layout below 35rem (a 560 px screen; the figure is then under 520 px).
    public static let wideClass = "cb-wide", narrowClass = "cb-narrow"
    public static let switchStyle = "@media (max-width:35rem){.cb-wide{display:none}}@media (min-width:35.01rem){.cb-narrow{display:none}}"

    public var sizes: TypeSizes {
        switch self {
        case .desktop: return .desktop
        case .phone: return TypeSizes(title: 16, subtitle: 13, label: 13, source: 12.5)
        case .email: return TypeSizes(title: 17, subtitle: 15, label: 14, source: 14)
        }
    }

    /// The chart laid out for this format: its width, height and (for small multiples) columns;
    /// ids get a suffix so two layouts of one chart can share a page.
    /// `framed: false` leaves out the title, subtitle, source and notes (the page around the
    /// picture sets them as text) and takes their height off the chart, the plot keeping its size.
    public func layout(_ chart: Chart, framed: Bool = true) -> Chart {
        var laid = sized(chart)
        if !framed { laid.height -= Frame.textHeight(laid, sizes: sizes, extraTop: LegendPlan(laid, sizes: sizes).height) }
        return laid
    }

    /// How far down the framed layout's plot sits against the bare one's: the bare picture is the
    /// framed one's rows from here, so one drawing can give both (the lead chart and the social card).
    public func plotShift(_ chart: Chart) -> Double {
        let laid = sized(chart)
        return Frame.plotShift(laid, sizes: sizes, extraTop: LegendPlan(laid, sizes: sizes).height)
    }

    private func sized(_ chart: Chart) -> Chart {
        guard self != .desktop else { return chart }
        var narrow = chart
        narrow.id = chart.id + "-" + rawValue
        narrow.width = width
        switch chart.layout {
        case .bars(let bars):
            // One row per category: the rows need their height whatever the width, and a little
            // more, since narrow bars carry their names above them.
            narrow.height = chart.height + (sizes.title - TypeSizes.desktop.title) * 2 + Double(bars.items.count) * 12
        case .numbers:
            narrow.height = chart.height + (sizes.title - TypeSizes.desktop.title) * 2 + 24
        case .smallMultiples(let columns):
            let before = (chart.series.count + columns - 1) / max(1, columns)
            let after = (chart.series.count + 1) / 2
            narrow.layout = .smallMultiples(columns: min(columns, 2))
            narrow.height = (chart.height * Double(after) / Double(max(1, before)) * 0.9).rounded()
        default:
            narrow.height = max(280, (chart.height * 0.8).rounded())
        }
        return narrow
    }
}
