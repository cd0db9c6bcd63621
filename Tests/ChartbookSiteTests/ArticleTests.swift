import ChartbookCore
import ChartbookSite
import Foundation
import Testing

/// The flagship article: both editions, claims that the data must support, no hand-typed numbers.
@Suite struct ArticleTests {
    @Test func bothEditionsExistAndLinkEachOther() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project, rasterize: false).build()
        let zh = try sample.read("Output/issues/2025-05-24-jgb-auction/index.html")
        let en = try sample.read("Output/issues/2025-05-24-jgb-auction-en/index.html")
        #expect(zh.contains("<html lang=\"zh-CN\">") && en.contains("<html lang=\"en\">"))
        #expect(zh.contains("hreflang=\"en\" href=\"https://example.org/chartbook/issues/2025-05-24-jgb-auction-en/\""))
        #expect(en.contains("hreflang=\"zh-CN\" href=\"https://example.org/chartbook/issues/2025-05-24-jgb-auction/\""))
        // Same data, same structure: the same number of charts and sections in each edition.
        let charts = { (html: String) in html.components(separatedBy: "<figure class=\"chart\"").count - 1 }
        #expect(charts(zh) >= 8 && charts(zh) == charts(en))
        let sections = { (html: String) in html.components(separatedBy: "<h2 id=").count }
        #expect(sections(zh) == sections(en))
        #expect(en.contains("drew bids of just 2.50 times"))
        // Dates in the issue's own year go without the year, as a newsroom writes them.
        #expect(en.contains("on 22 May, its highest") && zh.contains("5月22日"))
        // Every chart names its source.
        for html in [zh, en] {
            for svg in html.components(separatedBy: "<svg xmlns").dropFirst() where svg.contains("class=\"cb-chart\"") {
                #expect(svg.contains("来源：") || svg.contains("Source: "))
            }
        }
    }

    /// A data update that makes an asserted claim false is reported at the claim's file and line;
    /// a strict build fails, a normal one warns.
    @Test func aFalseClaimNamesItsTemplateAndLine() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        // Give the 40-year bond an older record, so "record high within the past month" is no longer true.
        try sample.edit("Data/mof/jgbcme_all.csv", replacing: "2024/6/3,", with: "2024/6/3,")
        let text = try sample.read("Data/mof/jgbcme_all.csv")
        let lines = text.components(separatedBy: "\r\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("2024/6/3,") })
        var fields = lines[index].components(separatedBy: ",")
        fields[fields.count - 1] = "3.9"
        var edited = lines
        edited[index] = fields.joined(separator: ",")
        try sample.write("Data/mof/jgbcme_all.csv", edited.joined(separator: "\r\n"))

        let template = try sample.read("Templates/partials/japan.md")
        let claimLine = try #require(template.components(separatedBy: "\n").firstIndex { $0.contains("{{#assert.jgb_40y.record_high_1m}}") }) + 1

        let summary = try SiteBuilder(project: sample.project, rasterize: false).build()
        let warning = try #require(summary.warnings.first { $0.location.file == "Templates/partials/japan.md" })
        #expect(warning.location.line == claimLine)
        #expect(warning.message.contains("record_high_1m"))
        #expect(warning.message.contains("3.900% on 2024-06-03"), "says what the data now shows: \(warning.message)")
        // The sentence whose claim failed is left out of the page.
        #expect(!(try sample.read(sample.issuePath)).contains("为该品种发行以来最高"))

        do {
            try SiteBuilder(project: sample.project, strict: true).build()
            Issue.record("a strict build must fail on a false claim")
        } catch {
            // The older record falsifies every claim of a record this month made on the 40-year
            // (and on its gap over the 10-year): the error names the first, at its file and line.
            let lines = try sample.read(error.location.file).components(separatedBy: "\n")
            let line = try #require(error.location.line)
            #expect(line >= 1 && line <= lines.count && lines[line - 1].contains("record_high_1m"), "\(error)")
        }
        #expect(SiteChecker(project: sample.project).run().contains { $0.location.line == claimLine && $0.message.contains("is false") })
    }

    /// No number in the prose is typed by hand: outside template tags, chart specs and front matter,
    /// the only digits allowed are years marked `{{#year}}…{{/year}}`.
    @Test func noHandTypedNumbersInProse() throws {
        let templates = SampleProject.repository.appendingPathComponent("Templates")
        var offenders: [String] = []
        for folder in ["issues", "partials"] {
            let dir = templates.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".md") {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                for (number, line) in ProseScan.proseLines(text) {
                    // Arabic digits, ASCII or full-width; Chinese numerals (一, 二) are words, not data.
                    if let digit = line.firstIndex(where: { ($0.isASCII && $0.isNumber) || ("０"..."９").contains($0) }) {
                        offenders.append("Templates/\(folder)/\(name):\(number): '\(line[digit...].prefix(20))'")
                    }
                }
            }
        }
        #expect(offenders.isEmpty, "hand-typed numbers:\n\(offenders.joined(separator: "\n"))")
    }
}

/// Reduces a template to the prose an author typed: no front matter, no fenced blocks, no template
/// tags, no marked years.
enum ProseScan {
    static func proseLines(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var inFence = false, inFrontMatter = false
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if i == 0 && line == "---" { inFrontMatter = true; continue }
            if inFrontMatter { if line == "---" { inFrontMatter = false }; continue }
            if line.hasPrefix("```") || line.hasPrefix("~~~") { inFence.toggle(); continue }
            if inFence { continue }
            var prose = raw.replacingOccurrences(of: #"\{\{#year\}\}[^{]*\{\{/year\}\}"#, with: "", options: .regularExpression)
            prose = prose.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: "", options: .regularExpression)
            result.append((i + 1, prose))
        }
        return result
    }
}

/// Dates in prose count from the issue: no year in its own year, weekdays in the week before it.
@Suite struct RelativeDateTests {
    @Test func datesAreWrittenRelativeToTheIssue() {
        let issue = Day(iso: "2025-05-24")! // a Saturday
        let en = LocaleFormatter(language: .en), zh = LocaleFormatter(language: .zh)
        #expect(en.weekday(Day(iso: "2025-05-23")!, relativeTo: issue) == "Friday")
        #expect(zh.weekday(Day(iso: "2025-05-23")!, relativeTo: issue) == "周五")
        #expect(en.weekday(issue, relativeTo: issue) == "today")
        // Older than six days, a weekday would be ambiguous: the date instead.
        #expect(en.weekday(Day(iso: "2025-05-16")!, relativeTo: issue) == "16 May")
        #expect(en.date(Day(iso: "2025-05-20")!, relativeTo: issue) == "20 May")
        #expect(zh.date(Day(iso: "2025-05-20")!, relativeTo: issue) == "5月20日")
        #expect(en.date(Day(iso: "2024-12-31")!, relativeTo: issue) == "31 December 2024")
        #expect(en.monthYear(Day(iso: "2025-03-31")!, relativeTo: issue) == "March")
        #expect(zh.monthYear(Day(iso: "2024-09-30")!, relativeTo: issue) == "2024年9月")
    }
}
