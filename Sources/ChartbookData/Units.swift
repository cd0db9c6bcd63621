import ChartbookCore

/// What a series' numbers measure; it decides how levels and changes are written in prose and on axes.
public enum Units: String, Sendable, CaseIterable {
    /// Percent per annum (yields, rates). Changes are written in basis points.
    case percent
    /// Basis points (spreads).
    case bp
    /// A plain ratio such as an auction's bid-to-cover.
    case ratio
    /// Units of quote currency per unit of base currency (USD/JPY written as yen per dollar).
    case currency
    /// US dollars, billions (TIC holdings).
    case usdBillions = "usd_bn"
    /// Japanese yen, billions (auction sizes).
    case jpyBillions = "jpy_bn"
    /// An index level (e.g. 2006 = 100).
    case index

    /// What values are multiplied by where a language counts them in a larger unit: Chinese writes
    /// billions of dollars or yen in 亿 (10⁸), ten to the billion. Charts and prose both follow it.
    public func displayScale(_ language: EditionLanguage) -> Double {
        language == .zh && (self == .usdBillions || self == .jpyBillions) ? 10 : 1
    }

    /// Decimals for a value shown at `displayScale`: one fewer for each factor of ten, so
    /// "1,135.0 billion" reads "11,350亿", not "11,350.0亿".
    public func displayDecimals(_ decimals: Int, _ language: EditionLanguage) -> Int {
        displayScale(language) == 1 ? decimals : max(0, decimals - 1)
    }

    /// The unit a chart's reading label writes after a value (`%`, `bp`, `bn`, `亿美元`).
    public func readingSuffix(_ language: EditionLanguage) -> String {
        switch self {
        case .usdBillions: return language == .zh ? "亿美元" : "bn"
        case .jpyBillions: return language == .zh ? "亿日元" : "bn"
        default: return compactSuffix
        }
    }

    /// The unit as written right after a number in compact text (`2.52%`, `47bp`), empty when none is.
    public var compactSuffix: String {
        switch self {
        case .percent: return "%"
        case .bp: return "bp"
        default: return ""
        }
    }
}
