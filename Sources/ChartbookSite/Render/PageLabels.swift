import ChartbookCharts
import Foundation
import ChartbookCore
import ChartbookData
import ChartbookMarkdown
import Mustache

/// Fixed words of the page chrome in each language.
enum PageLabels {
    /// A language's name in itself, for edition switchers.
    static func languageName(_ language: EditionLanguage) -> String { language == .zh ? "中文" : "English" }

    /// Built once per language: every page and every chart's data table asks.
    static func labels(_ language: EditionLanguage) -> [String: String] { language == .zh ? zh : en }

    private static let zh = make(.zh), en = make(.en)

    private static func make(_ language: EditionLanguage) -> [String: String] {
        switch language {
        case .zh: return ["as_of": "数据截至", "contents": "目录", "home": "首页", "data": "查看数据", "series": "序列", "latest": "最新值",
                          "date": "日期", "source": "来源", "first": "起始值", "high": "最高", "low": "最低", "csv": "下载数据（CSV）",
                          "email": "邮件版"]
        case .en: return ["as_of": "Data as of", "contents": "Contents", "home": "Home", "data": "Show the data", "series": "Series", "latest": "Latest",
                          "date": "Date", "source": "Source", "first": "First", "high": "High", "low": "Low", "csv": "Download the data (CSV)",
                          "email": "Email edition"]
        }
    }
}
