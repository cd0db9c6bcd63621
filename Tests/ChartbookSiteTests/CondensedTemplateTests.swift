import ChartbookCore
import Foundation
import Mustache
@testable import ChartbookSite
import Testing

/// Setting tag-free prose aside before parsing must never change what a template renders.
@Suite struct CondensedTemplateTests {
    let context: [String: Any] = [
        "yes": true, "no": false, "name": "<b>Ada</b>", "list": [["x": 1], ["x": 2], ["x": 3]],
        "year": MustacheLambda { (text: String) -> Any? in text },
    ]

    func same(_ text: String, _ message: String = "") throws {
        let source = TemplateSource(name: "t", display: "t.md", text: text)
        let whole = try TemplateSet.compile(source).render(context, library: MustacheLibrary())
        let condensed = try CondensedTemplate(source)
        #expect(condensed.render(context, library: MustacheLibrary()) == whole, "\(message)\n\(text)")
    }

    static let prose = String(repeating: "Super-long yields rose again, 超长期国债收益率再创新高。 ", count: 4)

    @Test func proseAroundSectionsListsLambdasAndComments() throws {
        let p = Self.prose
        try same("\(p)\n\(p)\n{{#yes}}\n\(p)\n\(p)\n{{/yes}}\n{{^yes}}\n\(p)\n{{/yes}}\n\(p) {{name}}\n\(p)")
        try same("{{#list}}\n\(p)\n\(p)\n  {{x}}\n\(p)\n{{/list}}\n")
        try same("{{#year}}\n\(p)\n\(p)\n{{/year}}\n{{! a comment\n\(p)\n\(p)\n}}\n\(p)\r\n\(p)\r\n")
        try same("\(p)\n\(p)\n\(p)") // no final newline
        // Inside an indented block the engine indents every line, the empty ones too (found by the fuzzer).
        try same("x\n  {{$flag}}\n\(p)\n\n\(p)\n  {{/flag}}\n")
        try same("\(p)\n\n\n\(p)\n") // no tags at all
        // The engine reads "\r\n" as one character, so a line ending that way is no line break to it
        // and a standalone tag after it is not standalone (found by the fuzzer).
        try same("x\n {{$flag}}\n\(p)\r\n{{>missing}}\n\(p)\n{{/flag}}\n")
    }

    /// Runs of tag-free lines share one token, unless parent or block tags could indent them line by line.
    @Test func runsOfLinesShareATokenOnlyWithoutBlocks() throws {
        let p = Self.prose
        let runs = try CondensedTemplate(TemplateSource(name: "t", display: "t.md", text: "\(p)\n\n\(p)\n{{name}}\n\(p)\n\(p)\n"))
        #expect(runs.stretches.count == 2)
        let blocks = try CondensedTemplate(TemplateSource(name: "t", display: "t.md", text: "\(p)\n\n\(p)\n{{$b}}\n\(p)\n\(p)\n{{/b}}\n"))
        #expect(blocks.stretches.count == 4)
        try same("\(p)\n\n\(p)\n{{name}}\n\(p)\n\(p)\n")
    }

    /// Random documents from lines of prose, tags and sections, always balanced.
    @Test func randomDocumentsRenderIdentically() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["\(Self.prose)\n", "short line\n", "\n", "{{name}} and {{{name}}}\n", "  {{! note }}\n", "text }} brace\n", "{ single {\n",
                      "\u{E000}7\u{E001}\n"]
        for round in 0..<300 {
            var text = "", open: [String] = []
            for _ in 0..<Int.random(in: 1...40, using: &generator) {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0 where open.count < 4:
                    let name = ["yes", "no", "list", "year"].randomElement(using: &generator)!
                    text += Bool.random(using: &generator) && name != "year" ? "{{^\(name)}}\n" : "{{#\(name)}}\n"
                    open.append(name)
                case 1 where !open.isEmpty: text += "{{/\(open.removeLast())}}\n"
                default: text += pieces.randomElement(using: &generator)!
                }
            }
            while let name = open.popLast() { text += "{{/\(name)}}" + (Bool.random(using: &generator) ? "\n" : "") }
            try same(text, "round \(round)")
        }
    }

    @Test func aSyntaxErrorIsReportedAtItsLineInTheWholeFile() throws {
        let p = Self.prose
        let source = TemplateSource(name: "t", display: "t.md", text: "\(p)\n\(p)\n\(p)\nbad {{#yes}} {{/no}}\n")
        #expect(throws: (any Error).self) { _ = try CondensedTemplate(source) }
        do { _ = try CondensedTemplate(source) } catch { #expect(error.location.line == 4, "\(error)") }
    }
}

/// Tags are found with their line and column (in characters, not bytes), across long prose,
/// Chinese text, single braces and tags at the very start and end.
@Suite struct TemplateScannerTests {
    @Test func tagsAndTheirPositions() throws {
        let text = "{{a}}\n日本国债 { not a tag } {{#b}}x{{/b}}\n\n" + String(repeating: "长文本 ", count: 500) + "{{{c}}}\n  {{> part }}"
        let tags = try TemplateScanner.tags(in: text, file: "t.md")
        #expect(tags.map(\.name) == ["a", "b", "b", "c", "part"])
        #expect(tags.map(\.kind) == [.variable, .section, .close, .variable, .partial])
        #expect(tags.map { [$0.location.line ?? 0, $0.location.column ?? 0] } == [[1, 1], [2, 20], [2, 27], [4, 2001], [5, 3]])
        #expect(throws: SourceError.self) { _ = try TemplateScanner.tags(in: "ok\n  {{open", file: "t.md") }
        do { _ = try TemplateScanner.tags(in: "ok\n  {{open", file: "t.md") } catch { #expect(error.location.line == 2 && error.location.column == 3) }
    }
}
