import ChartbookCore
import ChartbookData

/// Every fixed word of the site's chrome, one table per language: pages, data tables, charts' source
/// lines, email, corrections. Text from the project (titles, names) never comes from here.
struct Words: Sendable {
    /// The language's name in itself, for edition switchers.
    let languageName: String
    /// The words layouts use as `{{labels.…}}`.
    let labels: [String: String]
    let notFound: String
    let tagPrefix: String
    let readOnTheWeb: String
    let dataAsOf: String
    let chart: String
    let emailFooter: String
    let sourcePrefix: String
    let sourceSeparator: String
    let latestData: @Sendable (String) -> String
    let correction: @Sendable (String) -> String
    let draft: String
    let scheduled: @Sendable (String) -> String
    let newer: String
    let older: String
    let page: @Sendable (Int) -> String
    let search: String
    /// A period as a column heading: `1 year` / `1年`.
    let periodHeading: @Sendable (Window) -> String
    /// The start of a period as a key: `a year earlier` / `一年前`.
    let earlier: @Sendable (Window) -> String
    /// A sparkline column's heading when the spec gives a start date: `Since May 2024` / `2024年5月以来`.
    let sinceHeading: @Sendable (String) -> String

    static func of(_ language: EditionLanguage) -> Words { language == .zh ? zh : en }

    static let zh = Words(
        languageName: "中文",
        labels: ["as_of": "数据截至", "contents": "目录", "home": "首页", "data": "查看数据", "series": "序列", "latest": "最新值",
                 "date": "日期", "source": "来源", "first": "起始值", "high": "最高", "low": "最低", "csv": "下载数据（CSV）",
                 "email": "邮件版"],
        notFound: "找不到这一页", tagPrefix: "标签：", readOnTheWeb: "在浏览器中阅读", dataAsOf: "数据截至", chart: "图表",
        emailFooter: "图表数据来自各图所注明的公开来源。", sourcePrefix: "来源：", sourceSeparator: "；",
        latestData: { "。数据截至\($0)" },
        correction: { "更正（\($0)）：本文数字已采用发布后修订的数据。" },
        draft: "草稿：尚未发布，不会出现在首页、标签页、订阅源和网站地图中。",
        scheduled: { "定时发布：\($0)（UTC）之前不会出现在首页、标签页、订阅源和网站地图中。" },
        newer: "较新的文章", older: "较早的文章", page: { "第\($0)页" }, search: "搜索",
        periodHeading: { w in
            switch w {
            case .days(let n): return "\(n)日"
            case .weeks(let n): return "\(n)周"
            case .months(let n): return "\(n)个月"
            case .years(let n): return "\(n)年"
            case .yearToDate: return "年初至今"
            }
        },
        earlier: { w in
            let numbers = ["零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"]
            let n = { (k: Int) in k <= 10 ? numbers[k] : String(k) }
            switch w {
            case .days(let k): return n(k) + "天前"
            case .weeks(let k): return n(k) + "周前"
            case .months(let k): return n(k) + "个月前"
            case .years(let k): return n(k) + "年前"
            case .yearToDate: return "年初"
            }
        },
        sinceHeading: { "\($0)以来" })

    static let en = Words(
        languageName: "English",
        labels: ["as_of": "Data as of", "contents": "Contents", "home": "Home", "data": "Show the data", "series": "Series", "latest": "Latest",
                 "date": "Date", "source": "Source", "first": "First", "high": "High", "low": "Low", "csv": "Download the data (CSV)",
                 "email": "Email edition"],
        notFound: "Page not found", tagPrefix: "Tag: ", readOnTheWeb: "Read on the web", dataAsOf: "Data as of", chart: "Chart",
        emailFooter: "Chart data come from the public sources named on each chart.", sourcePrefix: "Source: ", sourceSeparator: "; ",
        latestData: { ". Latest data: \($0)" },
        correction: { "Correction (\($0)): the figures now use data revised after publication." },
        draft: "Draft: not published, and not on the home page, tag pages, feeds or sitemap.",
        scheduled: { "Scheduled for \($0) UTC: until then not on the home page, tag pages, feeds or sitemap." },
        newer: "Newer issues", older: "Older issues", page: { "page \($0)" }, search: "Search",
        periodHeading: { w in
            switch w {
            case .days(let n): return n == 1 ? "1 day" : "\(n) days"
            case .weeks(let n): return n == 1 ? "1 week" : "\(n) weeks"
            case .months(let n): return n == 1 ? "1 month" : "\(n) months"
            case .years(let n): return n == 1 ? "1 year" : "\(n) years"
            case .yearToDate: return "Year to date"
            }
        },
        earlier: { w in
            let words = ["", "a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
            let n = { (k: Int) in k <= 10 ? words[k] : String(k) }
            switch w {
            case .days(let k): return k == 1 ? "a day earlier" : "\(n(k)) days earlier"
            case .weeks(let k): return k == 1 ? "a week earlier" : "\(n(k)) weeks earlier"
            case .months(let k): return k == 1 ? "a month earlier" : "\(n(k)) months earlier"
            case .years(let k): return k == 1 ? "a year earlier" : "\(n(k)) years earlier"
            case .yearToDate: return "at the start of the year"
            }
        },
        sinceHeading: { "Since \($0)" })
}

/// The variables every layout gets (site title and description, language, the way back to the root,
/// the page's title and canonical address, the chrome's words); each page adds its own.
enum LayoutVariables {
    /// `languages`: the languages with a home page, the site's first (see `home(of:)`).
    static func common(_ config: SiteConfig, language: EditionLanguage, root: String, title: String, canonical: String,
                       description: String? = nil, languages: [EditionLanguage] = []) -> [String: Any] {
        let homes = languages.isEmpty ? [config.language] : languages
        return ["site_title": config.title.text(language), "site_description": description ?? config.description.text(language),
                "lang": language.htmlTag, "root": root, "title": title, "canonical": canonical, "labels": Words.of(language).labels,
                // This language's home and feeds: the root for the site's language, `en/` … for the others.
                "home": root + home(of: language, config),
                "languages": homes.map { l -> [String: Any] in
                    ["url": root + home(of: l, config) + "index.html", "name": Words.of(l).languageName, "lang": l.htmlTag, "current": l == language]
                },
                "has_languages": homes.count > 1,
                "search_url": root + home(of: language, config) + "search/index.html", "search_label": Words.of(language).search]
    }

    /// Where a language's home page and feeds are, from the site's root.
    static func home(of language: EditionLanguage, _ config: SiteConfig) -> String {
        language == config.language ? "" : language.rawValue + "/"
    }
}
