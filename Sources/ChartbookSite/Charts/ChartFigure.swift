import ChartbookCharts
import ChartbookCore
import ChartbookData
import ChartbookMarkdown

/// The HTML around a chart: the inline SVG, and a collapsed table of each series' latest value with
/// a link to its publisher, so the numbers are readable without the picture.
enum ChartFigure {
    static func html(chart: Chart, infos: [SeriesInfo], asOf: Day, store: DataStore, format: LocaleFormatter) -> String {
        let labels = PageLabels.labels(format.language)
        var html = "<figure class=\"chart\" id=\"fig-\(chart.id)\">"
        html += ChartRenderer().render(chart)
        html += "<details class=\"chart-data\"><summary>\(labels["data"]!)</summary><table><thead><tr>"
        html += "<th>\(labels["series"]!)</th><th>\(labels["latest"]!)</th><th>\(labels["date"]!)</th><th>\(labels["source"]!)</th></tr></thead><tbody>"
        for (info, series) in zip(infos, chart.series) {
            guard let last = series.lastIndex.map({ (series.days[$0], series.values[$0]) }) else { continue }
            html += "<tr><td>\(escape(info.name.text(format.language)))</td><td>\(escape(format.level(last.1, units: info.units, decimals: info.decimals)))</td>"
            html += "<td>\(escape(format.date(last.0)))</td><td><a href=\"\(escape(info.source.url))\">\(escape(info.source.publisher.text(format.language)))</a></td></tr>"
        }
        html += "</tbody></table></details></figure>\n"
        return html
    }

    static func escape(_ text: String) -> String { SVGWriter.escape(text) }
}

extension ChartSeries {
    var lastIndex: Int? { values.lastIndex { !$0.isNaN } }
}
