import ChartbookCore
import Foundation

/// An email edition as one message (RFC 5322 with MIME): the plain-text and HTML editions as
/// alternatives, and the chart PNGs attached inline and named by Content-ID, so the message shows
/// its charts wherever it is opened, before the site is deployed or where the site is unreachable.
/// The build writes one without a recipient (`email.eml`); `chartbook send` makes one per recipient.
public struct EmailMessage: Sendable {
    public var from: String
    public var subject: String
    public var html: String
    public var text: String
    /// The chart images, by file name (`chart-1.png`), in the order the HTML uses them.
    public var images: [(name: String, data: Data)]
    /// An unsubscribe address with `{address}` for the recipient's.
    public var unsubscribe: String?
    /// The issue's stem and the site's host, for the Message-ID.
    public var id: String
    public var host: String

    public init(from: String, subject: String, html: String, text: String, images: [(name: String, data: Data)],
                unsubscribe: String?, id: String, host: String) {
        self.from = from
        self.subject = subject
        self.html = html
        self.text = text
        self.images = images
        self.unsubscribe = unsubscribe
        self.id = id
        self.host = host
    }

    /// `html` with every `src="…/NAME"` whose NAME is an attached image replaced by that part's `cid:`, in one pass.
    static func pointingAtParts(_ html: String, names: Set<String>) -> String {
        let bytes = Array(html.utf8), marker = Array("src=\"".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == marker[0], bytes[i...].starts(with: marker),
               let close = bytes[(i + marker.count)...].firstIndex(of: UInt8(ascii: "\"")) {
                let url = bytes[(i + marker.count)..<close]
                let name = String(decoding: url[((url.lastIndex(of: UInt8(ascii: "/")) ?? url.startIndex - 1) + 1)...], as: UTF8.self)
                if names.contains(name) {
                    out += Array("src=\"cid:\(name)@chartbook\"".utf8)
                    i = close + 1
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The message for `to` (nil: no recipient, as the build writes it), dated `date` (RFC 5322 form).
    public func data(to: String?, date: String) -> Data {
        let boundary = "chartbook-" + String(EmailMessage.digest(id + (to ?? "")).prefix(16))
        let unsubscribeURL = unsubscribe.map { $0.replacingOccurrences(of: "{address}", with: (to ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        var html = self.html
        var text = self.text
        // Images by Content-ID: every place the HTML names a chart PNG by URL points at its attachment.
        html = EmailMessage.pointingAtParts(html, names: Set(images.map(\.name)))
        if let unsubscribeURL {
            let words = "Unsubscribe"
            html = html.replacingOccurrences(of: "</body>", with: "<p style=\"text-align:center;font-size:12px;\"><a href=\"\(Escape.html(unsubscribeURL))\">\(words)</a></p>\n</body>")
            text += "\n\(words): \(unsubscribeURL)\n"
        }
        var lines: [String] = []
        lines.append("From: " + EmailMessage.header(from))
        if let to { lines.append("To: " + to) }
        lines.append("Subject: " + EmailMessage.header(subject))
        lines.append("Date: " + date)
        lines.append("Message-ID: <\(EmailMessage.digest(id + (to ?? "")).prefix(24)).\(id)@\(host)>")
        if let unsubscribeURL {
            lines.append("List-Unsubscribe: <\(unsubscribeURL)>")
            lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
        }
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)-a\"")
        lines.append("")
        lines.append("--\(boundary)-a")
        lines.append("Content-Type: text/plain; charset=utf-8")
        lines.append("Content-Transfer-Encoding: base64")
        lines.append("")
        lines.append(EmailMessage.base64(Data(text.utf8)))
        lines.append("--\(boundary)-a")
        lines.append("Content-Type: multipart/related; boundary=\"\(boundary)-r\"")
        lines.append("")
        lines.append("--\(boundary)-r")
        lines.append("Content-Type: text/html; charset=utf-8")
        lines.append("Content-Transfer-Encoding: base64")
        lines.append("")
        lines.append(EmailMessage.base64(Data(html.utf8)))
        for image in images {
            lines.append("--\(boundary)-r")
            lines.append("Content-Type: image/png; name=\"\(image.name)\"")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("Content-ID: <\(image.name)@chartbook>")
            lines.append("Content-Disposition: inline; filename=\"\(image.name)\"")
            lines.append("")
            lines.append(EmailMessage.base64(image.data))
        }
        lines.append("--\(boundary)-r--")
        lines.append("--\(boundary)-a--")
        lines.append("")
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    static func digest(_ text: String) -> String {
        var d = ContentDigest()
        d.add([text])
        return d.hex
    }

    /// A header value: ASCII as it is, anything else as an RFC 2047 encoded word (UTF-8, base64).
    static func header(_ value: String) -> String {
        let clean = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        if clean.utf8.allSatisfy({ $0 < 0x80 }) { return clean }
        // "Name <address>": only the name is encoded.
        if let open = clean.lastIndex(of: "<"), clean.hasSuffix(">"), open > clean.startIndex {
            let name = clean[..<open].trimmingCharacters(in: .whitespaces)
            return "=?utf-8?b?" + Data(name.utf8).base64EncodedString() + "?= " + clean[open...]
        }
        return "=?utf-8?b?" + Data(clean.utf8).base64EncodedString() + "?="
    }

    /// Base64 in lines of 76 characters (MIME's limit).
    static func base64(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    }

    /// An RFC 5322 date (`Fri, 23 May 2025 00:00:00 +0000`) of seconds since 1970.
    public static func date(_ seconds: Int) -> String {
        let day = Day(secondsSince1970: seconds)
        let rest = seconds - day.secondsSince1970
        return Feeds.rfc822(day).replacingOccurrences(of: "00:00:00", with: String(format: "%02d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60))
    }

    /// The message of an issue's email edition.
    static func forIssue(_ issue: Issue, config: SiteConfig, html: String, text: String, images: [(name: String, data: Data)]) -> EmailMessage {
        EmailMessage(from: config.emailFrom, subject: issue.frontMatter.title, html: html, text: text, images: images,
                     unsubscribe: config.unsubscribe, id: issue.source.stem, host: URL(string: config.baseURL)?.host ?? "localhost")
    }
}
