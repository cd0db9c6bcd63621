import ChartbookCore

/// One field of a delimited record, with the column where it starts so errors can point at it.
public struct Field: Sendable {
    public var text: Substring
    /// 1-based column (in characters) of the field's first character on its line.
    public var column: Int
}

/// One record (row) of a delimited file.
public struct Record: Sendable {
    /// 1-based line on which the record starts.
    public var line: Int
    public var fields: [Field]

    /// True for a line with no content, or only empty fields (`,,,,`).
    public var isBlank: Bool { fields.allSatisfy { $0.text.allSatisfy { $0 == " " || $0 == "\t" } } }

    public subscript(index: Int) -> Field? { index < fields.count ? fields[index] : nil }
}

/// A small RFC 4180 reader over text: quoted fields (with delimiters, doubled quotes and newlines
/// inside), CRLF or LF, a leading BOM. Hand-written because the CSV packages we measured were 10×
/// slower and silently swallowed the rest of a file after an unterminated quote.
public struct DelimitedText: Sendable {
    public var records: [Record]

    /// Splits `text` into records. An unterminated quote is an error at the quote's position.
    public init(_ text: String, delimiter: Character = ",", file: String) throws(SourceError) {
        var records: [Record] = []
        var fields: [Field] = []
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        let delimiterScalar = delimiter.unicodeScalars.first!
        let chars = body.unicodeScalars
        var index = chars.startIndex
        var line = 1, column = 1
        var recordLine = 1
        var fieldStart = index, fieldColumn = 1
        var quoted = false
        var unquotedText: String? = nil // set when a field contained quotes and had to be rebuilt
        var quoteLine = 0, quoteColumn = 0

        func finishField(_ end: String.UnicodeScalarView.Index) {
            let text: Substring = unquotedText.map { Substring($0) } ?? Substring(chars[fieldStart..<end])
            fields.append(Field(text: text, column: fieldColumn))
            unquotedText = nil
        }

        while index < chars.endIndex {
            let c = chars[index]
            if quoted {
                if c == "\"" {
                    let next = chars.index(after: index)
                    if next < chars.endIndex, chars[next] == "\"" {
                        unquotedText!.append("\"")
                        index = chars.index(after: next); column += 2
                        continue
                    }
                    quoted = false
                    index = next; column += 1
                    continue
                }
                if c == "\n" { line += 1; column = 1 } else if c != "\r" { column += 1 }
                unquotedText!.unicodeScalars.append(c)
                index = chars.index(after: index)
                continue
            }
            if c == "\"" && chars[fieldStart..<index].isEmpty && unquotedText == nil {
                quoted = true
                unquotedText = ""
                quoteLine = line; quoteColumn = column
                index = chars.index(after: index); column += 1
                continue
            }
            if c == delimiterScalar {
                finishField(index)
                index = chars.index(after: index); column += 1
                fieldStart = index; fieldColumn = column
                continue
            }
            if c == "\n" || c == "\r" {
                finishField(index)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                var next = chars.index(after: index)
                if c == "\r", next < chars.endIndex, chars[next] == "\n" { next = chars.index(after: next) }
                index = next
                line += 1; column = 1
                recordLine = line
                fieldStart = index; fieldColumn = 1
                continue
            }
            if unquotedText != nil {
                // Text after a closing quote, e.g. `"abc"def`: keep it, as spreadsheets do.
                unquotedText!.unicodeScalars.append(c)
            }
            index = chars.index(after: index); column += 1
        }
        if quoted {
            throw SourceError(SourceLocation(file: file, line: quoteLine, column: quoteColumn),
                              "unterminated quoted field: the closing \" is missing")
        }
        if fieldStart < chars.endIndex || !fields.isEmpty || unquotedText != nil {
            finishField(chars.endIndex)
            records.append(Record(line: recordLine, fields: fields))
        }
        self.records = records
    }
}
