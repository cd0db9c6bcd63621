import ChartbookCharts
import ChartbookCore
import ChartbookData
import Foundation
import Mustache

/// The parsers a fuzzer drives with arbitrary bytes (`chartbook-fuzz`). Each must return or throw
/// a `SourceError`, never crash; the template target also checks that hostile values come out escaped.
public enum FuzzEntryPoints {
    public static let targets = ["delimited", "chartspec", "frontmatter", "catalog", "template", "escape"]

    public static func run(_ target: String, _ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch target {
        case "delimited":
            for delimiter: Character in [",", ";", "\t"] {
                if let table = try? DelimitedText(text, delimiter: delimiter, file: "fuzz.csv") {
                    // Every record's fields must lie within the text.
                    precondition(table.records.allSatisfy { $0.line >= 1 && $0.fields.allSatisfy { $0.column >= 1 } })
                }
            }
            var options = FileOptions()
            options.delimiter = ";"
            _ = try? DelimitedReader().read(text: "date;x\n" + text, file: "fuzz.csv",
                                            selections: [SeriesSelection(id: "x", column: "x", declaredAt: SourceLocation(file: "f"))], options: options)
        case "chartspec":
            _ = try? ChartSpec(yaml: text, file: "fuzz.yaml", lineOffset: 0)
            precondition(YAMLValue.flatReaderAgreesWithYams(text), "FlatYAML and Yams read this differently")
        case "frontmatter":
            precondition(YAMLValue.flatReaderAgreesWithYams(text), "FlatYAML and Yams read this differently")
            _ = try? FrontMatter.split("---\n" + text, file: "fuzz.md")
            _ = try? FrontMatter.split(text, file: "fuzz.md")
        case "catalog":
            _ = try? Catalog(yaml: text, path: "fuzz.yaml")
        case "escape":
            // Each context's output cannot break out of it, whatever the text.
            // Checked on bytes: a CSV or XML reader sees bytes, not Swift's grapheme clusters.
            let xml = Array(Escape.xml(text).utf8)
            precondition(!xml.contains(60) && !xml.contains(62) && !xml.contains(34), "xml escape let markup through")
            let rss = Escape.rssHTML(text)
            precondition(!rss.utf8.contains(60) && (!rss.contains("&lt;") || rss.contains("&amp;lt;")), "rss escape is single")
            let csv = Array(Escape.csv(text).utf8)
            let quoted = csv.count >= 2 && csv.first == 34 && csv.last == 34
            precondition(!csv.contains(13) && (quoted || !(csv.contains(10) || csv.contains(44) || csv.contains(34))), "csv field can split its record")
            if quoted { // inside, every quote is doubled
                let inner = csv.dropFirst().dropLast()
                var i = inner.startIndex
                while i < inner.endIndex {
                    if inner[i] == 34 { precondition(i + 1 < inner.endIndex && inner[i + 1] == 34, "csv quote not doubled"); i += 2 } else { i += 1 }
                }
            }
            let json = Escape.json(text)
            precondition((try? JSONSerialization.jsonObject(with: Data("[\(json)]".utf8))) != nil, "json escape is not valid JSON")
            let markdown = Escape.markdown(text)
            precondition(!markdown.contains("\n"), "markdown escape keeps a line break")
            let url = Escape.url(text)
            precondition(!url.contains(" ") && !url.contains("\"") && !url.contains("<"), "url escape lets a space, quote or tag through")
        case "template":
            let source = TemplateSource(name: "fuzz", display: "fuzz.md", text: text)
            guard let template = try? TemplateSet.compile(source) else { return }
            let hostile = "<script>\"'&]]>"
            let context: [String: Any] = ["a": hostile, "b": ["c": hostile], "list": [hostile, hostile], "flag": true]
            let output = template.render(context)
            // Setting plain prose aside before parsing must not change a byte of the output.
            if let condensed = try? CondensedTemplate(source) {
                precondition(condensed.render(context, library: MustacheLibrary()) == template.render(context, library: MustacheLibrary()),
                             "a condensed template renders differently")
            }
            // {{a}} escapes; only {{{a}}} or {{&a}} may put the raw value in, and the fuzzer's text must contain those.
            if output.contains("<script>") {
                precondition(text.contains("{{{") || text.contains("{{&") || text.contains("<script>") || text.contains("{{="),
                             "hostile value rendered unescaped")
            }
        default:
            break
        }
    }
}
