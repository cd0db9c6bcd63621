import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An SMTP client (RFC 5321) for the relay the newsletter hands its mail to: a local MTA or a
/// provider's submission port. One connection, one message per recipient, every reply checked,
/// lines ending in CR LF, dot-stuffed data, timeouts on every read. It moves to TLS (STARTTLS,
/// RFC 3207) whenever the relay offers it, verifying the relay's certificate and name, and it
/// logs in (AUTH PLAIN, RFC 4954) only over TLS: a password is never sent in clear.
final class SMTPClient: @unchecked Sendable {
    /// Why a step failed, with the server's words where it answered.
    struct Failure: Error { var reason: String }

    /// A login for the relay: from the environment, never printed.
    struct Credentials: Sendable {
        var user: String
        var password: String
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var tls: TLSConnection?
    /// Whether the session is encrypted (after STARTTLS).
    var isEncrypted: Bool { tls != nil }

    init(host: String, port: Int, helo: String, timeout: Int = 30, credentials: Credentials? = nil, extraCA: String? = nil) throws(Failure) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { throw Failure(reason: "cannot resolve \(host)") }
        defer { freeaddrinfo(list) }
        var connected: Int32 = -1
        var info: UnsafeMutablePointer<addrinfo>? = first
        while let ai = info {
            let s = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if s >= 0 {
                var tv = timeval(tv_sec: timeout, tv_usec: 0)
                setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                if connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { connected = s; break }
                close(s)
            }
            info = ai.pointee.ai_next
        }
        guard connected >= 0 else { throw Failure(reason: "cannot connect to \(host):\(port)") }
        fd = connected
        do throws(Failure) {
            try expect(220)
            var offers = try command("EHLO \(helo)", 250)
            if offers.contains("STARTTLS") {
                try command("STARTTLS", 220)
                buffer.removeAll() // nothing read before the handshake may be trusted after it
                do { tls = try TLSConnection.client(fd: fd, host: host, extraCA: extraCA) } catch { throw Failure(reason: error.reason) }
                offers = try command("EHLO \(helo)", 250)
            } else if credentials != nil {
                throw Failure(reason: "the relay does not offer STARTTLS, so the login is not sent (it would travel in clear)")
            }
            if let credentials {
                guard offers.contains(where: { $0.hasPrefix("AUTH") && $0.contains("PLAIN") }) else {
                    throw Failure(reason: "the relay does not offer AUTH PLAIN")
                }
                let token = Data(("\0" + credentials.user + "\0" + credentials.password).utf8).base64EncodedString()
                do { try command("AUTH PLAIN " + token, 235) } catch {
                    throw Failure(reason: "the relay refused the login for the user in CHARTBOOK_SMTP_USER")
                }
            }
        } catch {
            tls = nil
            close(fd)
            throw error
        }
    }

    deinit {
        tls = nil
        close(fd)
    }

    /// One message to one recipient.
    func send(from: String, to: String, data: Data) throws(Failure) {
        try command("MAIL FROM:<\(from)>", 250)
        try command("RCPT TO:<\(to)>", 250, 251)
        try command("DATA", 354)
        // Dot-stuffing: a line starting with "." gets another, so it cannot end the data early.
        var body = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n.", with: "\r\n..")
        if body.hasPrefix(".") { body = "." + body }
        if !body.hasSuffix("\r\n") { body += "\r\n" }
        try write(body + ".\r\n")
        try expect(250)
    }

    func quit() { try? command("QUIT", 221) }

    /// Sends a command and checks the reply; returns the reply's lines without their codes (an EHLO's extensions, upper-cased).
    @discardableResult
    private func command(_ line: String, _ codes: Int...) throws(Failure) -> [String] {
        try write(line + "\r\n")
        return try expect(codes)
    }

    @discardableResult
    private func expect(_ codes: Int...) throws(Failure) -> [String] { try expect(codes) }

    /// Reads one reply (all its lines) and checks its code.
    private func expect(_ codes: [Int]) throws(Failure) -> [String] {
        var lines: [String] = []
        while true {
            let line = try readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else { throw Failure(reason: "the server said '\(line)'") }
            lines.append(String(line.dropFirst(4)).uppercased())
            if line.count > 3 && line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue } // more lines follow
            guard codes.contains(code) else { throw Failure(reason: "the server answered '\(line)'") }
            return lines
        }
    }

    private func readLine() throws(Failure) -> String {
        while true {
            if let end = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                buffer.removeSubrange(...end)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { b in tls.map { $0.read(b.baseAddress!, b.count) } ?? recv(fd, b.baseAddress, b.count, 0) }
            guard n > 0 else { throw Failure(reason: "the server closed the connection or did not answer in time") }
            buffer += chunk[..<n]
        }
    }

    private func write(_ text: String) throws(Failure) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { b in tls.map { $0.write(b.baseAddress!, b.count) } ?? Glibc.send(fd, b.baseAddress, b.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(reason: "cannot write to the server") }
            bytes = bytes.dropFirst(n)
        }
    }
}
