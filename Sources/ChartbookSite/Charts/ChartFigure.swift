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
        html += readingData(chart: chart, infos: infos, format: format)
        html += "<details class=\"chart-data\"><summary>\(l["data"]!)</summary><table><thead><tr>"
        html += "<th>\(l["series"]!)</th><th>\(l["first"]!)</th><th>\(l["latest"]!)</th><th>\(l["high"]!)</th><th>\(l["low"]!)</th><th>\(l["source"]!)</th></tr></thead><tbody>"
        for ((info, series), summary) in zip(zip(infos, chart.series), summaries ?? ChartDescription.summaries(chart)) {
            guard let s = summary else { continue }
            let cell = { (p: (day: Day, value: Double)) in
                "<td>\(escape(format.level(p.value, units: info.units, decimals: info.decimals)))<br><small>\(escape(format.date(p.day)))</small></td>"
            }
            html += "<tr><td>\(escape(series.label))</td>" + cell(s.first) + cell(s.last) + cell(s.high) + cell(s.low)
            html += "<td><a href=\"\(escape(info.source.url))\">\(escape(info.source.credit(format.language)))</a></td></tr>"
        }
        html += "</tbody></table><p><a href=\"\(escape(csv))\" download>\(l["csv"]!)</a></p></details></figure>\n"
        return html
    }

    static func escape(_ text: String) -> String { Escape.html(text) }

    /// The most points per series the reading script gets: about one per two pixels of a desktop plot.
    static let readingPoints = 320

    /// The values `chart.js` reads off a time chart at the pointer: each series' observations (every
    /// one up to `readingPoints`, else evenly spaced ones and always the latest), as day ordinals and
    /// values, with the decimals and unit the prose uses. Empty for other layouts.
    static func readingData(chart: Chart, infos: [SeriesInfo], format: LocaleFormatter) -> String {
        guard case .time = chart.layout, !chart.valueAxis.logarithmic else { return "" }
        // Written as bytes: thousands of numbers per page, on every chart of an archive.
        var out: [UInt8] = []
        out.reserveCapacity(chart.series.count * readingPoints * 14)
        out += Array("{\"lang\":\"\(format.language == .en ? "en-GB" : "zh-CN")\",\"series\":[".utf8)
        for (n, (series, info)) in zip(chart.series, infos).enumerated() {
            let kept = series.values.indices.filter { !series.values[$0].isNaN }
            let step = max(1, (kept.count + readingPoints - 1) / readingPoints)
            var picked = stride(from: 0, to: kept.count, by: step).map { kept[$0] }
            if let last = kept.last, picked.last != last { picked.append(last) }
            // "<" as \u003c: no label can end the script element early.
            let label = Escape.json(series.label).replacingOccurrences(of: "<", with: "\\u003c")
            if n > 0 { out.append(UInt8(ascii: ",")) }
            // In the prose's unit: 亿 for Chinese amounts in billions (see `Units.displayScale`).
            let scale = info.units.displayScale(format.language)
            let decimals = info.units.displayDecimals(info.decimals, format.language)
            out += Array("{\"label\":\(label),\"decimals\":\(decimals),\"unit\":\(Escape.json(info.units.readingSuffix(format.language))),\"days\":[".utf8)
            for (k, i) in picked.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out += Array(String(series.days[i].ordinal).utf8)
            }
            out += Array("],\"values\":[".utf8)
            for (k, i) in picked.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                DecimalFormat.appendFixed(series.values[i] * scale, decimals: decimals, to: &out)
            }
            out += Array("]}".utf8)
        }
        out += Array("]}".utf8)
        let json = String(decoding: out, as: UTF8.self)
        return "<script type=\"application/json\" class=\"cb-data\">" + json + "</script>"
    }
}
