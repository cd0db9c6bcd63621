@testable import ChartbookServe
import ChartbookSite
import Foundation
import Testing

@Suite struct PreviewTests {
    @Test func theReloadScriptGoesIntoServedPagesOnly() {
        let html = LiveReload.inject(into: "<html><body><p>x</p></body></html>")
        #expect(html.contains("/_chartbook/status"))
        #expect(html.hasSuffix("</script>\n</body></html>"))
    }

    @Test func pathsCannotLeaveTheOutputFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("preview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("issues/a"), withIntermediateDirectories: true)
        try Data("page".utf8).write(to: root.appendingPathComponent("issues/a/index.html"))
        try Data("secret".utf8).write(to: root.deletingLastPathComponent().appendingPathComponent("secret-\(root.lastPathComponent).txt"))
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent().appendingPathComponent("secret-\(root.lastPathComponent).txt")) }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("link"), withDestinationURL: root.deletingLastPathComponent())
        let files = PreviewFiles(root: root)
        #expect(files.resolve("/issues/a/")?.lastPathComponent == "index.html")
        #expect(files.resolve("/issues/a/index.html") != nil)
        #expect(files.resolve("/../secret-\(root.lastPathComponent).txt") == nil)
        #expect(files.resolve("/%2e%2e/secret-\(root.lastPathComponent).txt") == nil)
        #expect(files.resolve("/link/secret-\(root.lastPathComponent).txt") == nil)
        #expect(files.resolve("/missing.html") == nil)
    }

    @Test func theWatcherSeesEdits() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("a".utf8).write(to: root.appendingPathComponent("x.md"))
        let watcher = ProjectWatcher(folders: [root])
        let first = watcher.fingerprint()
        #expect(watcher.fingerprint() == first)
        try Data("ab".utf8).write(to: root.appendingPathComponent("x.md"))
        #expect(watcher.fingerprint() != first)
    }
}

/// The preview server against real sockets on 127.0.0.1: hostile request sizes, idle connections,
/// foreign hosts and methods (issue 16).
@Suite(.serialized) struct PreviewServerTests {
    /// One request over a new connection; what the server sent until it closed (or `timeout` passed).
    static func exchange(_ port: Int, _ request: [UInt8], timeout: Int = 5) -> (text: String, seconds: Double) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        let started = Date()
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { return ("connect failed", 0) }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break } // the server may close before reading it all
            sent += n
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        // Every request here asks the server to close (or is one it must close): read to the end.
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        return (String(decoding: answer, as: UTF8.self), Date().timeIntervalSince(started))
    }

    static func get(_ path: String, method: String = "GET", host: String = "127.0.0.1") -> [UInt8] {
        Array("\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
    }

    /// A served folder with one page, and the server on a free port.
    static func withServer(_ body: (Int) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Output"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("<html><body><p>hello</p></body></html>".utf8).write(to: root.appendingPathComponent("Output/index.html"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        try Data("title: T\nbase_url: https://example.org/chartbook/\n".utf8).write(to: root.appendingPathComponent("Templates/site.yaml"))
        let server = PreviewServer(project: Project(root: root), port: 0) { _ in }
        server.idleTimeout = .seconds(1)
        let running = try await server.start()
        do { try await body(running.port) } catch { await running.stop(); throw error }
        await running.stop()
    }

    @Test func getHeadAndOtherMethods() async throws {
        try await Self.withServer { port in
            let page = Self.exchange(port, Self.get("/")).text
            #expect(page.hasPrefix("HTTP/1.1 200"), "\(page.prefix(80))")
            #expect(page.contains("<p>hello</p>") && page.contains(LiveReload.statusPath))
            let head = Self.exchange(port, Self.get("/", method: "HEAD")).text
            #expect(head.hasPrefix("HTTP/1.1 200"), "\(head.prefix(80))")
            #expect(!head.contains("hello"))
            #expect(head.lowercased().contains("content-length: \(page.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n").utf8.count)"))
            let post = Self.exchange(port, Self.get("/", method: "POST")).text
            #expect(post.hasPrefix("HTTP/1.1 405"), "\(post.prefix(80))")
            #expect(post.contains("Allow: GET, HEAD") || post.lowercased().contains("allow: get, head"))
            #expect(Self.exchange(port, Self.get("/missing")).text.hasPrefix("HTTP/1.1 404"))
            // Files named under base_url's path (as the 404 page names them) are served from the root.
            #expect(Self.exchange(port, Self.get("/chartbook/index.html")).text.contains("<p>hello</p>"))
        }
    }

    @Test func aForeignHostIsRefused() async throws {
        try await Self.withServer { port in
            for host in ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example:\(port)"] {
                let answer = Self.exchange(port, Self.get("/", host: host)).text
                #expect(answer.hasPrefix("HTTP/1.1 421"), "\(host): \(answer.prefix(80))")
                #expect(!answer.contains("hello"))
            }
            for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"] {
                #expect(Self.exchange(port, Self.get("/", host: host)).text.hasPrefix("HTTP/1.1 200"), "\(host)")
            }
        }
    }

    @Test func hugeRequestsAreRefusedAtOnceAndTheServerStaysResponsive() async throws {
        try await Self.withServer { port in
            let longURL = Array("GET /\(String(repeating: "a", count: 1 << 20)) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
            let hugeHeader = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "b", count: 2 << 20))\r\n\r\n".utf8)
            for request in [longURL, hugeHeader] {
                let (answer, seconds) = Self.exchange(port, request)
                #expect(seconds < 3, "took \(seconds) s")
                #expect(!answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(80))")
                let (page, after) = Self.exchange(port, Self.get("/"))
                #expect(page.hasPrefix("HTTP/1.1 200") && after < 1, "\(after) s")
            }
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        try await Self.withServer { port in
            let (answer, seconds) = Self.exchange(port, Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8), timeout: 10)
            #expect(answer.isEmpty || !answer.hasPrefix("HTTP/1.1 200"))
            #expect(seconds > 0.5 && seconds < 5, "closed after \(seconds) s")
        }
    }
}

/// Saving a file reloads open pages as soon as the rebuild is done: the watcher hears the kernel,
/// and the page's waiting status request is answered when the build finishes (issue 17).
@Suite(.serialized) struct LiveReloadTests {
    @Test func theWatcherHearsASaveAtOnce() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("issues"), withIntermediateDirectories: true)
        let watcher = ProjectWatcher(folders: [root])
        #expect(!watcher.waitForChange(timeout: 0.1))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) {
            try? Data("x".utf8).write(to: root.appendingPathComponent("issues/a.md"))
        }
        let started = Date()
        #expect(watcher.waitForChange(timeout: 5))
        #if os(Linux)
        #expect(watcher.usesEvents)
        #expect(Date().timeIntervalSince(started) < 1, "heard after \(Date().timeIntervalSince(started)) s")
        #endif
        // A folder made after the watcher started is watched too.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("issues/new"), withIntermediateDirectories: true)
        _ = watcher.waitForChange(timeout: 1)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) {
            try? Data("y".utf8).write(to: root.appendingPathComponent("issues/new/b.md"))
        }
        #expect(watcher.waitForChange(timeout: 5))
    }

    @Test func aWaitingStatusRequestIsAnsweredWhenTheNextBuildFinishes() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Output"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let server = PreviewServer(project: Project(root: root), port: 0) { _ in }
        let running = try await server.start()
        let port = running.port
        let first = PreviewServerTests.exchange(port, PreviewServerTests.get(LiveReload.statusPath)).text
        #expect(first.contains("\"generation\":0"), "\(first)")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { server.state.succeeded() }
        let (answer, seconds) = PreviewServerTests.exchange(port, PreviewServerTests.get(LiveReload.statusPath + "?since=0"))
        #expect(answer.contains("\"generation\":1") && answer.contains("\"version\":1"), "\(answer)")
        #expect(seconds > 0.2 && seconds < 2, "answered after \(seconds) s")
        // Asked about a build that is already past: answered at once.
        let (now, quick) = PreviewServerTests.exchange(port, PreviewServerTests.get(LiveReload.statusPath + "?since=0"))
        #expect(now.contains("\"generation\":1") && quick < 0.5)
        await running.stop()
    }
}
