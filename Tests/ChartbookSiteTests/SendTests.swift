import ChartbookCore
@testable import ChartbookSite
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A minimal SMTP server on 127.0.0.1, started by the test: it accepts every message (or refuses one
/// recipient) and keeps what it received; with a certificate it offers STARTTLS, and with a login it
/// requires AUTH PLAIN before mail.
final class TestSMTPServer: @unchecked Sendable {
    let tls: (certificate: String, key: String)?
    let login: (user: String, password: String)?
    private(set) var authenticatedOverTLS = false
    private(set) var authInClear = false
    private let listener: Int32
    let port: Int
    private let lock = NSLock()
    private(set) var messages: [(to: String, data: String)] = []
    private(set) var connections = 0
    let refuse: String?

    init(refuse: String? = nil, tls: (certificate: String, key: String)? = nil, login: (user: String, password: String)? = nil) throws {
        self.refuse = refuse
        self.tls = tls
        self.login = login
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 8)
        var bound = sockaddr_in(), length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: bound.sin_port))
        Thread { [self] in serve() }.start()
    }

    func stop() { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }

    private func serve() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            lock.lock(); connections += 1; lock.unlock()
            session(fd)
            close(fd)
        }
    }

    private func session(_ fd: Int32) {
        var buffer: [UInt8] = []
        var secure: TLSConnection?
        var authenticated = false
        func say(_ text: String) {
            var bytes = Array(text.utf8)
            _ = bytes.withUnsafeMutableBytes { b in secure.map { $0.write(b.baseAddress!, b.count) } ?? Glibc.send(fd, b.baseAddress, b.count, Int32(MSG_NOSIGNAL)) }
        }
        func line() -> String? {
            while true {
                if let end = buffer.firstIndex(of: 10) {
                    let l = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
                    buffer.removeSubrange(...end)
                    return l
                }
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = chunk.withUnsafeMutableBytes { b in secure.map { $0.read(b.baseAddress!, b.count) } ?? recv(fd, b.baseAddress, b.count, 0) }
                if n <= 0 { return nil }
                buffer += chunk[..<n]
            }
        }
        say("220 test ESMTP\r\n")
        var to = ""
        while let l = line() {
            let upper = l.uppercased()
            if upper.hasPrefix("EHLO") {
                var offers = ["test"]
                if tls != nil && secure == nil { offers.append("STARTTLS") }
                if login != nil && secure != nil { offers.append("AUTH PLAIN LOGIN") }
                offers.append("8BITMIME")
                say(offers.enumerated().map { "250\($0.offset == offers.count - 1 ? " " : "-")\($0.element)\r\n" }.joined())
            } else if upper == "STARTTLS", let tls {
                say("220 go ahead\r\n")
                guard let connection = try? TLSConnection.server(fd: fd, certificate: tls.certificate, key: tls.key) else { return }
                secure = connection
            } else if upper.hasPrefix("AUTH PLAIN ") {
                if secure == nil { lock.lock(); authInClear = true; lock.unlock() }
                let parts = Data(base64Encoded: String(l.dropFirst(11))).map { String(decoding: $0, as: UTF8.self).split(separator: "\0", omittingEmptySubsequences: false).map(String.init) } ?? []
                if let login, parts.count == 3, parts[1] == login.user, parts[2] == login.password {
                    authenticated = true
                    lock.lock(); authenticatedOverTLS = secure != nil; lock.unlock()
                    say("235 welcome\r\n")
                } else { say("535 bad login\r\n") }
            }
            else if upper.hasPrefix("MAIL FROM") { say(login != nil && !authenticated ? "530 log in first\r\n" : "250 ok\r\n") }
            else if upper.hasPrefix("RCPT TO") {
                to = String(l.dropFirst(9)).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
                if to == refuse { say("550 no such user\r\n") } else { say("250 ok\r\n") }
            } else if upper == "DATA" {
                say("354 go on\r\n")
                var data: [String] = []
                while let d = line(), d != "." { data.append(d.hasPrefix("..") ? String(d.dropFirst()) : d) }
                lock.lock(); messages.append((to, data.joined(separator: "\n"))); lock.unlock()
                say("250 queued\r\n")
            } else if upper == "QUIT" { say("221 bye\r\n"); return }
            else if upper == "RSET" { say("250 ok\r\n") }
            else { say("502 unknown\r\n") }
        }
    }
}

/// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command for one test.
struct TestCertificate {
    let folder: URL
    var certificate: String { folder.appendingPathComponent("cert.pem").path }
    var key: String { folder.appendingPathComponent("key.pem").path }

    static var canMake: Bool { TLSConnection.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("chartbook-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", folder.appendingPathComponent("key.pem").path,
                             "-out", folder.appendingPathComponent("cert.pem").path, "-days", "2", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SourceError(SourceLocation(file: "openssl"), "could not make a test certificate") }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// `chartbook send`: dry by default, one message per recipient with its charts attached, never the
/// same issue twice to one address (issue 13).
@Suite(.serialized) struct SendTests {
    @Test(.enabled(if: Rasterizer.find() != nil)) func sendsOnceToEachRecipientWithChartsAttached() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try sample.edit("Templates/site.yaml", replacing: "raw_html: false", with: "raw_html: false\nemail: {from: \"Chartbook Macro <letters@example.org>\", unsubscribe: \"https://example.org/unsubscribe?a={address}\"}")
        try SiteBuilder(project: sample.project).build()
        let server = try TestSMTPServer(refuse: "nobody@example.org")
        defer { server.stop() }
        var mailer = Mailer(project: sample.project, issue: "2025-05-24-jgb-auction")
        mailer.relay = ("127.0.0.1", server.port)
        let list = try Mailer.recipients("# readers\na@example.org\nb@example.org\n\nnobody@example.org\na@example.org\n", file: "list.txt")
        #expect(list == ["a@example.org", "b@example.org", "nobody@example.org"])

        // A dry run connects to nothing.
        let dry = try mailer.run(recipients: list, dryRun: true)
        #expect(dry.sent.count == 3 && server.connections == 0)

        let first = try mailer.run(recipients: list, dryRun: false)
        #expect(first.sent == ["a@example.org", "b@example.org"])
        #expect(first.failed.map(\.address) == ["nobody@example.org"])
        #expect(server.messages.count == 2)
        let message = try #require(server.messages.first { $0.to == "a@example.org" }?.data)
        #expect(message.contains("To: a@example.org"))
        #expect(message.contains("List-Unsubscribe: <https://example.org/unsubscribe?a=a%40example%2Eorg>") || message.contains("List-Unsubscribe: <https://example.org/unsubscribe?a=a%40example.org>"))
        // Chart 1 is the "in numbers" table, which goes as text: the first picture is chart 2.
        #expect(message.contains("Content-ID: <chart-2.png@chartbook>") && !message.contains("chart-1.png"))
        #expect(message.components(separatedBy: "Content-Type: image/png").count - 1 >= 8, "the charts travel with the message")

        // Run again: nothing is sent twice; only the one that failed is tried.
        let second = try mailer.run(recipients: list, dryRun: false)
        #expect(second.sent.isEmpty && second.skipped == ["a@example.org", "b@example.org"])
        #expect(server.messages.count == 2)
        // A proof to a test address goes out every time and never enters the ledger.
        let proof = try mailer.run(recipients: ["a@example.org"], dryRun: false, test: true)
        #expect(proof.sent == ["a@example.org"] && server.messages.count == 3)
        #expect(try Mailer.latestIssue(sample.project) == "2026-06-26-a-year-on", "the newest published issue in the site's language")
        let log = try sample.read("sent.tsv")
        #expect(log.components(separatedBy: "a@example.org").count - 1 == 1)
        #expect(log.contains("2025-05-24-jgb-auction\ta@example.org\t") && log.contains("2025-05-24-jgb-auction\tb@example.org\t"))
    }

    @Test func aRecipientThatCouldInjectAHeaderIsRefused() {
        #expect(throws: SourceError.self) { try Mailer.recipients("a@example.org\nb@example.org\r\nBcc: x@evil.example\n", file: "list.txt") }
        #expect(throws: SourceError.self) { try Mailer.recipients("not an address\n", file: "list.txt") }
    }

    @Test(.enabled(if: Rasterizer.find() != nil)) func theBuiltMessageCarriesItsChartsByContentID() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project).build()
        let eml = try sample.read("Output/issues/2025-05-24-jgb-auction/email.eml")
        #expect(eml.hasPrefix("From: newsletter@example.org\r\n"))
        #expect(eml.contains("Subject: =?utf-8?b?"))
        #expect(eml.contains("Content-Type: multipart/related"))
        let html = try #require(eml.components(separatedBy: "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n").dropFirst().first?
            .components(separatedBy: "\r\n--").first)
        let decoded = String(decoding: Data(base64Encoded: html.replacingOccurrences(of: "\r\n", with: "")) ?? Data(), as: UTF8.self)
        // Chart 1 is the "in numbers" table: text in the message, and no picture of it attached.
        #expect(decoded.contains("<th scope=\"rowgroup\" colspan=\"3\""))
        #expect(!eml.contains("chart-1.png@chartbook"))
        #expect(decoded.contains("src=\"cid:chart-2.png@chartbook\""))
        #expect(!decoded.contains("src=\"https://example.org/chartbook/issues/2025-05-24-jgb-auction/chart-2.png\""))
        // Every picture the message shows is attached, and only those.
        let shown = decoded.components(separatedBy: "src=\"cid:").count - 1
        #expect(eml.components(separatedBy: "Content-ID: <").count - 1 == shown)
    }

    /// STARTTLS, then AUTH PLAIN over TLS, then the message (issue 13): the relay's certificate is
    /// verified, and the login never travels in clear.
    @Test(.enabled(if: TestCertificate.canMake && Rasterizer.find() != nil)) func startTLSThenLoginThenDeliver() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project).build()
        let certificate = try TestCertificate()
        defer { certificate.remove() }
        let server = try TestSMTPServer(tls: (certificate.certificate, certificate.key), login: ("letters", "s3cret pass"))
        defer { server.stop() }
        var mailer = Mailer(project: sample.project, issue: "2025-05-24-jgb-auction")
        mailer.relay = ("127.0.0.1", server.port)
        mailer.login = ("letters", "s3cret pass")
        mailer.caFile = certificate.certificate
        let report = try mailer.run(recipients: ["editor@example.org"], dryRun: false, test: true)
        #expect(report.sent == ["editor@example.org"] && report.failed.isEmpty, "\(report.failed)")
        #expect(server.messages.count == 1 && server.authenticatedOverTLS && !server.authInClear)
        #expect(server.messages.first?.data.contains("Content-ID: <chart-2.png@chartbook>") == true)

        // A relay whose certificate nobody vouches for gets nothing, not even the login.
        var untrusting = mailer
        untrusting.caFile = nil
        Self.expectRefusal(untrusting, saying: "not trusted")
        #expect(server.messages.count == 1)
    }

    /// A proof that must not be sent: the error says why, and never shows the password.
    static func expectRefusal(_ mailer: Mailer, saying reason: String) {
        do {
            _ = try mailer.run(recipients: ["editor@example.org"], dryRun: false, test: true)
            Issue.record("sent although it should not have: \(reason)")
        } catch {
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(!error.message.contains("s3cret"))
        }
    }

    @Test(.enabled(if: Rasterizer.find() != nil)) func aLoginIsNeverSentInClear() throws {
        let sample = try SampleProject()
        defer { sample.remove() }
        try SiteBuilder(project: sample.project).build()
        let server = try TestSMTPServer() // no STARTTLS
        defer { server.stop() }
        var mailer = Mailer(project: sample.project, issue: "2025-05-24-jgb-auction")
        mailer.relay = ("127.0.0.1", server.port)
        mailer.login = ("letters", "s3cret pass")
        Self.expectRefusal(mailer, saying: "does not offer STARTTLS")
        #expect(!server.authInClear && server.messages.isEmpty)
    }
}
