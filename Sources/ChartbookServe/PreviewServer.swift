import ChartbookCore
import ChartbookSite
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// `chartbook serve`: builds the site, serves `Output/` on localhost, rebuilds when `Data/` or
/// `Templates/` change and makes open pages reload. A failed rebuild keeps the last good site
/// (the build never replaces `Output/` unless it succeeds) and shows the error in the page and
/// in the terminal.
///
/// The HTTP side is SwiftNIO's HTTP/1.1 server pipeline (llhttp, whose request head is capped at
/// 80 KB and read in linear time): a megabyte URL or header is refused at once instead of being
/// split line by line, idle connections are closed, requests naming a foreign Host are refused
/// (a page elsewhere cannot read the preview through DNS rebinding), HEAD answers as GET without
/// the body, and other methods get 405.
public final class PreviewServer: @unchecked Sendable {
    public let project: Project
    public let port: UInt16
    let state = BuildState()
    let log: @Sendable (String) -> Void
    /// How long a connection may sit without sending a whole request before it is closed.
    public var idleTimeout: TimeAmount = .seconds(15)

    /// The current build number, the last build's error and a count of build results (for pages
    /// waiting on the next one), shared with the HTTP handlers.
    final class BuildState: @unchecked Sendable {
        private let lock = NSLock()
        private var version = 0
        private var error: String?
        /// Bumped by every build, good or failed: what a waiting page waits for.
        private var generation = 0
        private var waiters: [@Sendable () -> Void] = []

        func succeeded() { finish { version += 1; error = nil } }
        func failed(_ message: String) { finish { error = message } }

        private func finish(_ change: () -> Void) {
            lock.lock()
            change()
            generation += 1
            let ready = waiters
            waiters = []
            lock.unlock()
            for waiter in ready { waiter() }
        }

        /// Calls `ready` once a build after `seen` has finished: at once when one already has.
        func whenNewer(than seen: Int, _ ready: @escaping @Sendable () -> Void) {
            lock.lock()
            if generation != seen { lock.unlock(); ready(); return }
            waiters.append(ready)
            lock.unlock()
        }

        var json: Data {
            lock.lock(); defer { lock.unlock() }
            let payload: [String: Any] = ["version": version, "generation": generation, "error": error ?? NSNull()]
            return (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data("{}".utf8)
        }
    }

    /// How long a page's request for the next build waits before it is answered anyway (under the idle timeout).
    static let statusWait: TimeAmount = .seconds(10)

    /// The build a status request waits to be newer than (`/_chartbook/status?since=N`), if it asks to wait.
    static func waitsSince(_ uri: String) -> Int? {
        guard uri.hasPrefix(LiveReload.statusPath + "?since=") else { return nil }
        return Int(uri.dropFirst(LiveReload.statusPath.count + 7))
    }

    public init(project: Project, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.project = project
        self.port = port
        self.log = log
    }

    /// Builds once; then rebuilds on every change. Charts are not rasterized here, to keep rebuilds fast.
    func rebuild() {
        let started = Date()
        do {
            var builder = SiteBuilder(project: project, rasterize: false)
            builder.includeDrafts = true // a preview shows drafts, with their banner
            let summary = try builder.build()
            state.succeeded()
            for warning in summary.warnings { log(warning.description) }
            log("built \(summary.issues) issue(s), \(summary.pages) page(s), \(summary.charts) chart(s) in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        } catch {
            state.failed(error.description)
            log(error.description)
        }
    }

    /// An answer to one request, before it is written to the connection.
    public struct Response: Sendable {
        public var status: HTTPResponseStatus
        public var headers: [(String, String)]
        public var body: Data
    }

    /// The response for one request: a file from the output folder, with the reload script in
    /// HTML; HEAD gets GET's headers without the body.
    public func respond(method: HTTPMethod, uri: String, host: String?, files: PreviewFiles) -> Response {
        guard let host, PreviewServer.isLocal(host: host) else {
            return Response(status: .misdirectedRequest, headers: [("Content-Type", "text/plain; charset=utf-8")],
                            body: Data("This preview answers only to localhost and 127.0.0.1.\n".utf8))
        }
        guard method == .GET || method == .HEAD else {
            return Response(status: .methodNotAllowed, headers: [("Allow", "GET, HEAD"), ("Content-Type", "text/plain; charset=utf-8")],
                            body: Data("Only GET and HEAD.\n".utf8))
        }
        var response = answer(path: uri, files: files)
        if method == .HEAD {
            response.headers.append(("Content-Length", String(response.body.count)))
            response.body = Data()
        }
        return response
    }

    private func answer(path requested: String, files: PreviewFiles) -> Response {
        if requested == LiveReload.statusPath || requested.hasPrefix(LiveReload.statusPath + "?") {
            return Response(status: .ok, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")], body: state.json)
        }
        // The site is served at the root here, but its pages may name files under base_url's path
        // (the 404 page does): `/chartbook/style.css` is `/style.css`.
        var path = requested
        if let root = sitePath(), root != "/", path.hasPrefix(root) { path = "/" + path.dropFirst(root.count) }
        guard let url = files.resolve(path), let bytes = try? RegularFile.read(url.path, limit: 256 << 20) else {
            let notFound = files.resolve("/404.html").flatMap { try? RegularFile.read($0.path, limit: 16 << 20) }.map { Data($0) } ?? Data("Not found".utf8)
            return Response(status: .notFound, headers: [("Content-Type", "text/html; charset=utf-8")],
                            body: Data(LiveReload.inject(into: String(decoding: notFound, as: UTF8.self)).utf8))
        }
        let type = PreviewFiles.contentType(url)
        let data = Data(bytes)
        let body = type.hasPrefix("text/html") ? Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self)).utf8) : data
        return Response(status: .ok, headers: [("Content-Type", type), ("Cache-Control", "no-cache")], body: body)
    }

    /// The path of `base_url` from the project's site.yaml (read each time: it may be edited while serving).
    func sitePath() -> String? {
        let url = project.templates.appendingPathComponent("site.yaml")
        guard let text = try? project.readText(url), let config = try? SiteConfig(yaml: text, file: "Templates/site.yaml") else { return nil }
        return config.rootPath
    }

    /// Whether a Host header names this machine's loopback (any port): `localhost`, `127.0.0.1`, `[::1]`.
    static func isLocal(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") {
            guard let end = name.firstIndex(of: "]") else { return false }
            name = String(name[name.index(after: name.startIndex)..<end])
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        return name == "localhost" || name == "127.0.0.1" || name == "::1"
    }

    /// Starts the HTTP server on 127.0.0.1 (`port` 0 picks a free one) and returns it running.
    public func start() async throws -> RunningServer {
        let files = PreviewFiles(root: project.output)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let timeout = idleTimeout
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(PreviewHandler(state: state) { method, uri, host in
                        self.respond(method: method, uri: uri, host: host, files: files)
                    })
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: Int(port)).get()
            return RunningServer(channel: channel, group: group)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// A server started by `start()`: its port, and how to stop it.
    public struct RunningServer: Sendable {
        let channel: Channel
        let group: MultiThreadedEventLoopGroup
        public var port: Int { channel.localAddress?.port ?? 0 }

        public func stop() async {
            try? await channel.close()
            try? await group.shutdownGracefully()
        }

        /// Waits until the server is closed.
        public func wait() async throws { try await channel.closeFuture.get() }
    }

    /// Rebuilds whenever the watcher sees a change, until `stop` is set; on its own thread, since
    /// waiting for file events blocks.
    func watch(until stop: @escaping @Sendable () -> Bool) -> Thread {
        let watcher = ProjectWatcher(folders: [project.data, project.templates])
        let thread = Thread { [self] in
            while !stop() {
                guard watcher.waitForChange(timeout: 0.5) else { continue }
                log("change detected; rebuilding")
                rebuild()
            }
        }
        thread.start()
        return thread
    }

    /// Runs until cancelled: the first build, the watcher and the server on 127.0.0.1.
    public func run() async throws {
        rebuild()
        let stopped = ManagedAtomicFlag()
        _ = watch { stopped.isSet }
        defer { stopped.set() }
        let server = try await start()
        log("serving \(project.output.path) at http://127.0.0.1:\(server.port)/ (Ctrl-C to stop)")
        try await server.wait()
    }
}

/// One connection's requests: each complete request (head and end; bodies are read and dropped,
/// up to a limit) gets one response; keep-alive as the client asks.
final class PreviewHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The largest request body read (the preview takes none; more closes the connection).
    static let maxBody = 1 << 20

    let respond: @Sendable (HTTPMethod, String, String?) -> PreviewServer.Response
    let state: PreviewServer.BuildState
    private var head: HTTPRequestHead?
    private var bodyBytes = 0
    /// Whether the request waiting for the next build has been answered (touched on the event loop only).
    private var answered = true

    init(state: PreviewServer.BuildState, respond: @escaping @Sendable (HTTPMethod, String, String?) -> PreviewServer.Response) {
        self.state = state
        self.respond = respond
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
            bodyBytes = 0
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            if bodyBytes > PreviewHandler.maxBody {
                write(PreviewServer.Response(status: .payloadTooLarge, headers: [], body: Data()), keepAlive: false, context: context)
                head = nil
            }
        case .end:
            guard let request = head else { return }
            head = nil
            let host = request.headers.first(name: "host")
            if let seen = PreviewServer.waitsSince(request.uri), request.method == .GET, let host, PreviewServer.isLocal(host: host) {
                waitForBuild(after: seen, request: request, context: context)
                return
            }
            let response = respond(request.method, request.uri, host)
            write(response, keepAlive: request.isKeepAlive, context: context)
        }
    }

    private func write(_ response: PreviewServer.Response, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(response.headers)
        if !headers.contains(name: "Content-Length") { headers.add(name: "Content-Length", value: String(response.body.count)) }
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
        if !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        let channel = context.channel
        if !keepAlive { done.whenComplete { _ in channel.close(promise: nil) } }
    }

    /// Answers a page's status request when the next build finishes (it then reloads at once), or
    /// after `statusWait` with the state as it is.
    private func waitForBuild(after seen: Int, request: HTTPRequestHead, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound(context, eventLoop: loop)
        answered = false
        let answer: @Sendable () -> Void = { [self] in
            loop.execute {
                guard !self.answered else { return }
                self.answered = true
                let response = self.respond(request.method, LiveReload.statusPath, request.headers.first(name: "host"))
                self.write(response, keepAlive: request.isKeepAlive, context: bound.value)
            }
        }
        loop.scheduleTask(in: PreviewServer.statusWait) { answer() }
        state.whenNewer(than: seen, answer)
    }

    /// A connection that sent nothing for the idle timeout is closed.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) } else { context.fireUserInboundEventTriggered(event) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
}

/// A flag one thread sets and another reads (stopping the watcher thread).
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}
