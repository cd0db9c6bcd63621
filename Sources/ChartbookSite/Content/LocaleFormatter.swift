import ChartbookCore
import ChartbookData

/// Writes numbers and dates the way an edition's readers expect: `3.249%`, `+12bp` / `+12个基点`,
/// `2025年5月22日` / `22 May 2025`. Fixed-point throughout so output never depends on the machine's locale.
public struct LocaleFormatter: Sendable {
    public let language: EditionLanguage

    public init(language: EditionLanguage) { self.language = language }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// `2025年5月22日` / `22 May 2025`.
    public func date(_ day: Day) -> String {
        let (y, m, d) = day.components
        return language == .zh ? "\(y)年\(m)月\(d)日" : "\(d) \(Self.months[m - 1]) \(y)"
    }

    /// `2012年8月` / `August 2012`.
    public func monthYear(_ day: Day) -> String {
        let (y, m, _) = day.components
        return language == .zh ? "\(y)年\(m)月" : "\(Self.months[m - 1]) \(y)"
    }

    /// A date as prose writes it in an issue dated `issue`: without the year in the issue's own year
    /// (`22 May` / `5月22日`), with it otherwise.
    public func date(_ day: Day, relativeTo issue: Day) -> String {
        guard day.year == issue.year else { return date(day) }
        let (_, m, d) = day.components
        return language == .zh ? "\(m)月\(d)日" : "\(d) \(Self.months[m - 1])"
    }

    /// A month as prose writes it in an issue dated `issue`: `April` / `4月` in the issue's year.
    public func monthYear(_ day: Day, relativeTo issue: Day) -> String {
        guard day.year == issue.year else { return monthYear(day) }
        let m = day.components.1
        return language == .zh ? "\(m)月" : Self.months[m - 1]
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let weekdaysZh = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]

    /// The weekday for a day in the six before the issue's (`Friday` / `周五`), so Saturday's issue
    /// speaks of Friday's close; the issue's own day is `today` / `今天`; anything older or later
    /// is a date (`date(_:relativeTo:)`), since a bare weekday would then be ambiguous.
    public func weekday(_ day: Day, relativeTo issue: Day) -> String {
        let back = issue.ordinal - day.ordinal
        guard (0...6).contains(back) else { return date(day, relativeTo: issue) }
        if back == 0 { return language == .zh ? "今天" : "today" }
        return language == .zh ? Self.weekdaysZh[day.weekday] : Self.weekdays[day.weekday]
    }

    /// A level in its units: `3.249%`, `2.50`, `143.68`, `1,135.0`.
    public func level(_ value: Double, units: Units, decimals: Int) -> String {
        var number = DecimalFormat.grouped(DecimalFormat.fixed(value, decimals: decimals))
        if number.hasPrefix("-") { number = "−" + number.dropFirst() } // a true minus sign, as in print
        switch units {
        case .percent: return number + "%"
        case .bp: return number + (language == .zh ? "个基点" : "bp")
        case .usdBillions: return language == .zh ? inDisplayUnit(value, units, decimals) + "亿美元" : "$" + number + "bn"
        case .jpyBillions: return language == .zh ? inDisplayUnit(value, units, decimals) + "亿日元" : "¥" + number + "bn"
        case .ratio, .currency, .index: return number
        }
    }

    /// A change: basis points for rates (`+12bp`), otherwise signed units (`+1.25`).
    public func change(_ delta: Double, units: Units, decimals: Int) -> String {
        switch units {
        case .percent, .bp:
            let bp = units == .percent ? delta * 100 : delta
            return signed(DecimalFormat.fixed(bp, decimals: 0)) + (language == .zh ? "个基点" : "bp")
        default:
            return signed(DecimalFormat.grouped(DecimalFormat.fixed(delta, decimals: decimals)))
        }
    }

    /// Basis points without a sign (`12bp`), for sentences that say "rose by".
    public func magnitude(_ delta: Double, units: Units, decimals: Int) -> String {
        var text = change(abs(delta), units: units, decimals: decimals)
        if text.hasPrefix("+") { text.removeFirst() }
        return text
    }

    /// `third` / `第三`: ordinals for streaks and ranks ("the third straight rise").
    public func ordinal(_ n: Int) -> String {
        switch language {
        case .zh:
            let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
            if n < 10 { return "第" + digits[max(0, n)] }
            if n < 20 { return "第十" + (n % 10 == 0 ? "" : digits[n % 10]) }
            if n < 100 { return "第" + digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
            return "第\(n)"
        case .en:
            let words = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
            if n >= 0 && n <= 10 { return words[n] }
            let suffix = (11...13).contains(n % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
            return "\(n)\(suffix)"
        }
    }

    /// A percentage change, `+3.2%`.
    public func percentChange(_ value: Double) -> String { signed(DecimalFormat.fixed(value, decimals: 1)) + "%" }

    /// A value in the unit this language counts it in (`Units.displayScale`): Chinese amounts in
    /// 亿 (10⁸), so 1,135.0 billion is 11,350亿.
    func inDisplayUnit(_ value: Double, _ units: Units, _ decimals: Int) -> String {
        DecimalFormat.grouped(DecimalFormat.fixed(value * units.displayScale(language), decimals: units.displayDecimals(decimals, language)))
    }

    func signed(_ text: String) -> String {
        if text.hasPrefix("-") { return "−" + text.dropFirst() }
        return (Double(text.replacingOccurrences(of: ",", with: "")) ?? 0) == 0 ? text : "+" + text
    }
}

