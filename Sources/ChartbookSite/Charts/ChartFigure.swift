import ChartbookCharts
import ChartbookCore
import ChartbookData

/// The HTML around a chart: the inline SVG in its desktop and phone layouts (the chart's own
/// stylesheet shows one of them by the width of the screen, without script), then a collapsed table summarising each series (first,
/// latest, high, low, publisher) and a link to the chart's data as CSV.
enum ChartFigure {
    static func html(chart: Chart, svg: String, phoneSVG: String? = nil, infos: [SeriesInfo], csv: String, format: LocaleFormatter,
                     summaries: [ChartDescription.Summary?]? = nil) -> String {
        let l = Words.of(format.language).labels
        var html = "<figure class=\"chart\" id=\"fig-\(chart.id)\">"
        if let phoneSVG {
            html += "<div class=\"\(ChartFormat.wideClass)\">" + svg + "</div><div class=\"\(ChartFormat.narrowClass)\">" + phoneSVG + "</div>"
        } else {
            html += svg
        }
        html += "<details class=\"chart-data\"><summary>\(l["data"]!)</summary><table><thead><tr>"
        html += "<th>\(l["series"]!)</th><th>\(l["first"]!)</th><th>\(l["latest"]!)</th><th>\(l["high"]!)</th><th>\(l["low"]!)</th><th>\(l["source"]!)</th></tr></thead><tbody>"
        for ((info, series), summary) in zip(zip(infos, chart.series), summaries ?? ChartDescription.summaries(chart)) {
            guard let s = summary else { continue }
            let cell = { (p: (day: Day, value: Double)) in
                "<td>\(escape(format.level(p.value, units: info.units, decimals: info.decimals)))<br><small>\(escape(format.date(p.day)))</small></td>"
            }
            html += "<tr><td>\(escape(series.label))</td>" + cell(s.first) + cell(s.last) + cell(s.high) + cell(s.low)
            html += "<td><a href=\"\(escape(info.source.url))\">\(escape(info.source.publisher.text(format.language)))</a></td></tr>"
        }
        html += "</tbody></table><p><a href=\"\(escape(csv))\" download>\(l["csv"]!)</a></p></details></figure>\n"
        return html
    }

    static func escape(_ text: String) -> String { Escape.html(text) }
}
