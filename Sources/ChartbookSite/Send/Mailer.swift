import ChartbookCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `chartbook send`: the built email edition of one issue to a list of recipients, one message each
/// (each with its own unsubscribe link), through an SMTP relay. A dry run unless told to send; every
/// accepted message is recorded in `sent.tsv` at once, and a recipient recorded for an issue is
/// never sent it again, so a rerun after a failure sends only what is left.
public struct Mailer: Sendable {
    public let project: Project
    /// The issue's stem (`2025-05-24-jgb-auction`).
    public let issue: String
    public var relay: (host: String, port: Int) = ("127.0.0.1", 25)
    /// The relay's login (from `CHARTBOOK_SMTP_USER` and `CHARTBOOK_SMTP_PASSWORD`); sent only over TLS.
    public var login: (user: String, password: String)?
    /// A CA certificate (PEM) trusted besides the system's, for a relay with a private CA.
    public var caFile: String?
    public var now = Int(Date().timeIntervalSince1970)

    public init(project: Project, issue: String) {
        self.project = project
        self.issue = issue
    }

    /// What a run did (or, dry, would do).
    public struct Report: Sendable {
        public var subject: String
        public var sent: [String] = []
        public var skipped: [String] = []
        public var failed: [(address: String, reason: String)] = []
    }

    /// The record of sent messages, beside `Data/` and `Templates/` (commit it: CI then never resends).
    public var logURL: URL { project.root.appendingPathComponent("sent.tsv") }

    /// Addresses from a list (one a line, `#` comments); a malformed one (or one that could inject a header) is an error at its line.
    public static func recipients(_ text: String, file: String) throws(SourceError) -> [String] {
        var out: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "@")
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !line.contains(where: { $0.isWhitespace || "<>,;\"".contains($0) }) else {
                throw SourceError(SourceLocation(file: file, line: n + 1), "'\(line)' is not an email address")
            }
            if !out.contains(line) { out.append(line) }
        }
        return out
    }

    /// Sends (or with `dryRun`, lists) the issue's email to `recipients`. With `test`, the recipients
    /// are proof readers: the ledger is neither read nor written, so a test never counts as the send.
    public func run(recipients: [String], dryRun: Bool, test: Bool = false) throws(SourceError) -> Report {
        let message = try builtMessage()
        var report = Report(subject: message.subject)
        let already = test ? [] : Set(sentLog().filter { $0.issue == issue }.map(\.address))
        let due = recipients.filter { !already.contains($0) }
        report.skipped = recipients.filter { already.contains($0) }
        if dryRun { report.sent = due; return report }
        guard !due.isEmpty else { return report }
        let client: SMTPClient
        do {
            client = try SMTPClient(host: relay.host, port: relay.port, helo: "chartbook",
                                    credentials: login.map { SMTPClient.Credentials(user: $0.user, password: $0.password) }, extraCA: caFile)
        } catch {
            throw SourceError(SourceLocation(file: "\(relay.host):\(relay.port)"), "cannot reach the mail relay: \(error.reason)")
        }
        defer { client.quit() }
        let from = Mailer.address(in: message.from)
        for address in due {
            do throws(SMTPClient.Failure) {
                try client.send(from: from, to: address, data: message.data(to: address, date: EmailMessage.date(now)))
                if !test { try record(address) }
                report.sent.append(address)
            } catch {
                report.failed.append((address, error.reason))
            }
        }
        return report
    }

    /// The built email edition (`Output/issues/<stem>/`), which `build` must have made.
    func builtMessage() throws(SourceError) -> EmailMessage {
        let folder = project.output.appendingPathComponent("issues/\(issue)")
        func read(_ name: String) throws(SourceError) -> Data {
            do { return Data(try RegularFile.read(folder.appendingPathComponent(name).path, limit: 64 << 20)) } catch {
                throw SourceError(SourceLocation(file: "Output/issues/\(issue)/\(name)"), "the email edition \(error); build the site with images first")
            }
        }
        let html = String(decoding: try read("email.html"), as: UTF8.self)
        let text = String(decoding: try read("email.txt"), as: UTF8.self)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("chart-") && $0.hasSuffix(".png") && html.contains("/" + $0 + "\"") } // only the pictures it shows
            .sorted { Int($0.dropFirst(6).dropLast(4)) ?? 0 < Int($1.dropFirst(6).dropLast(4)) ?? 0 }
        var images: [(name: String, data: Data)] = []
        for name in names { images.append((name, try read(name))) }
        let config = try SiteConfig(yaml: project.readText(project.templates.appendingPathComponent("site.yaml")), file: "Templates/site.yaml")
        let title = html.range(of: "<title>").flatMap { open in html.range(of: "</title>", range: open.upperBound..<html.endIndex).map { html[open.upperBound..<$0.lowerBound] } }
            .map { Escape.unescapeHTML(String($0)) } ?? issue
        return EmailMessage(from: config.emailFrom, subject: title, html: html, text: text, images: images, unsubscribe: config.unsubscribe,
                            id: issue, host: URL(string: config.baseURL)?.host ?? "localhost")
    }

    /// The newest published issue in the site's language with an email edition in the built output
    /// (what a scheduled job sends once the site is deployed; the ledger keeps it from going twice).
    public static func latestIssue(_ project: Project) throws(SourceError) -> String {
        let config = try SiteConfig(yaml: project.readText(project.templates.appendingPathComponent("site.yaml")), file: "Templates/site.yaml")
        let folder = project.output.appendingPathComponent("issues")
        let stems = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted(by: >)
        for stem in stems where FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(stem)/email.html").path) {
            let page = (try? RegularFile.read(folder.appendingPathComponent("\(stem)/index.html").path, limit: 64 << 20)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if page.contains("<html lang=\"\(config.language.htmlTag)\"") && !page.contains("class=\"draft-banner\"") { return stem }
        }
        throw SourceError(SourceLocation(file: "Output/issues"), "no published issue with an email edition; build the site with images first")
    }

    /// The sent log's lines: issue, address, when.
    func sentLog() -> [(issue: String, address: String)] {
        guard let bytes = try? RegularFile.read(logURL.path, limit: 256 << 20) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            let f = line.split(separator: "\t")
            return f.count >= 2 && !line.hasPrefix("#") ? (String(f[0]), String(f[1])) : nil
        }
    }

    /// Appends one sent message to the log and syncs it before the next is sent.
    func record(_ address: String) throws(SMTPClient.Failure) {
        let exists = FileManager.default.fileExists(atPath: logURL.path)
        let fd = open(logURL.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SMTPClient.Failure(reason: "sent, but cannot record it in sent.tsv: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let line = (exists ? "" : "# chartbook send: issue\taddress\tsent at (UTC); a recipient listed for an issue is never sent it again\n")
            + "\(issue)\t\(address)\t\(EmailMessage.date(now))\n"
        _ = line.withCString { write(fd, $0, strlen($0)) }
        fsync(fd)
    }

    /// The address of `Name <address>`, or the text itself.
    static func address(in from: String) -> String {
        guard let open = from.lastIndex(of: "<"), let close = from.lastIndex(of: ">"), open < close else { return from }
        return String(from[from.index(after: open)..<close])
    }
}
