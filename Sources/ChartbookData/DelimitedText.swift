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
    public var isBlank: Bool { fields.allSatisfy { $0.text.utf8.allSatisfy { $0 == 32 || $0 == 9 } } }

    public subscript(index: Int) -> Field? { index < fields.count ? fields[index] : nil }
}

/// A small RFC 4180 reader over text: quoted fields (with delimiters, doubled quotes and newlines
/// inside), CRLF or LF, a leading BOM. Hand-written because the CSV packages we measured were 10×
/// slower and silently swallowed the rest of a file after an unterminated quote.
public struct DelimitedText: Sendable {
    public var records: [Record]

    /// Splits `text` into records. An unterminated quote is an error at the quote's position.
    /// Works on UTF-8 bytes (delimiters, quotes and line ends are ASCII, so they never occur inside
    /// a multi-byte character); columns count characters by skipping continuation bytes.
    public init(_ text: String, delimiter: Character = ",", file: String) throws(SourceError) {
        guard let delimiterByte = delimiter.asciiValue else {
            throw SourceError(SourceLocation(file: file), "the delimiter must be an ASCII character, not '\(delimiter)'")
        }
        var text = text
        let parsed = text.withUTF8 { bytes in Self.split(bytes, delimiter: delimiterByte) }
        switch parsed {
        case .success(let records): self.records = records
        case .failure(let quote): throw SourceError(SourceLocation(file: file, line: quote.line, column: quote.column),
                                                    "unterminated quoted field: the closing \" is missing")
        }
    }

    /// Where an unterminated quote opened.
    struct OpenQuote: Error { var line: Int, column: Int }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Result<[Record], OpenQuote> {
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var records: [Record] = []
        var fields: [Field] = []
        let n = bytes.count
        var index = 0
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 } // byte-order mark
        var line = 1, column = 1
        var recordLine = 1
        var fieldStart = index, fieldColumn = 1
        var quoted = false
        var unquoted: [UInt8]? = nil // set when a field contained quotes and had to be rebuilt
        var quoteLine = 0, quoteColumn = 0

        func finishField(_ end: Int) {
            let text = unquoted.map { String(decoding: $0, as: UTF8.self) }
                ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<end]), as: UTF8.self)
            fields.append(Field(text: Substring(text), column: fieldColumn))
            unquoted = nil
        }

        while index < n {
            let c = bytes[index]
            if quoted {
                if c == quote {
                    if index + 1 < n, bytes[index + 1] == quote {
                        unquoted!.append(quote)
                        index += 2; column += 2
                        continue
                    }
                    quoted = false
                    index += 1; column += 1
                    continue
                }
                if c == lf { line += 1; column = 1 } else if c != cr && c & 0xC0 != 0x80 { column += 1 }
                unquoted!.append(c)
                index += 1
                continue
            }
            if c == quote && index == fieldStart && unquoted == nil {
                quoted = true
                unquoted = []
                quoteLine = line; quoteColumn = column
                index += 1; column += 1
                continue
            }
            if c == delimiter {
                finishField(index)
                index += 1; column += 1
                fieldStart = index; fieldColumn = column
                continue
            }
            if c == lf || c == cr {
                finishField(index)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                fields.reserveCapacity(records[records.count - 1].fields.count)
                index += c == cr && index + 1 < n && bytes[index + 1] == lf ? 2 : 1
                line += 1; column = 1
                recordLine = line
                fieldStart = index; fieldColumn = 1
                continue
            }
            // Text after a closing quote, e.g. `"abc"def`: keep it, as spreadsheets do.
            unquoted?.append(c)
            index += 1
            if c & 0xC0 != 0x80 { column += 1 }
        }
        if quoted { return .failure(OpenQuote(line: quoteLine, column: quoteColumn)) }
        if fieldStart < n || !fields.isEmpty || unquoted != nil {
            finishField(n)
            records.append(Record(line: recordLine, fields: fields))
        }
        return .success(records)
    }
}
