import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on 127.0.0.1 for fetch tests, serving fixtures with the faults publishers
/// show: errors, failures that pass, conditional answers, slow and truncated bodies.
final class FixtureServer: @unchecked Sendable {
    /// How one path answers; a list answers request by request (the last one repeats).
    enum Behaviour: Sendable {
        case ok(String, etag: String? = nil)
        case status(Int)
        case slow(String, delay: TimeAmount)
        case truncated(String, claimed: Int)
        /// The body compressed (zlib's deflate), as `Content-Encoding: deflate`.
        case deflated(String)
    }

    typealias Compress2 = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt>, UnsafePointer<UInt8>, UInt, Int32) -> Int32
    /// `text` as a zlib stream (HTTP's "deflate").
    static func deflate(_ text: String) -> [UInt8] {
        guard let z = dlopen("libz.so.1", RTLD_NOW), let symbol = dlsym(z, "compress2") else { return [] }
        let compress2 = unsafeBitCast(symbol, to: Compress2.self)
        let input = Array(text.utf8)
        var size = UInt(input.count + 1024)
        var out = [UInt8](repeating: 0, count: Int(size))
        _ = compress2(&out, &size, input, UInt(input.count), 9)
        return Array(out.prefix(Int(size)))
    }

    private let lock = NSLock()
    private var routes: [String: [Behaviour]] = [:]
    private var counts: [String: Int] = [:]
    private(set) var requests: [(path: String, headers: [String: String])] = []
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?

    var port: Int { channel?.localAddress?.port ?? 0 }
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    func route(_ path: String, _ behaviours: Behaviour...) {
        lock.lock(); routes[path] = behaviours; counts[path] = 0; lock.unlock()
    }

    /// How many requests reached `path`.
    func hits(_ path: String) -> Int { lock.lock(); defer { lock.unlock() }; return requests.filter { $0.path.hasPrefix(path) }.count }

    func next(_ uri: String, headers: HTTPHeaders) -> Behaviour {
        lock.lock(); defer { lock.unlock() }
        var fields: [String: String] = [:]
        for (name, value) in headers { fields[name.lowercased()] = value }
        requests.append((uri, fields))
        let path = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        guard let list = routes[path], !list.isEmpty else { return .status(404) }
        let n = counts[path, default: 0]
        counts[path] = n + 1
        return list[min(n, list.count - 1)]
    }

    func start() throws {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: self))
                }
            }
        channel = try bootstrap.bind(host: "127.0.0.1", port: 0).wait()
    }

    func stop() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: FixtureServer
        var head: HTTPRequestHead?
        init(server: FixtureServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h
            case .body: break
            case .end:
                guard let head else { return }
                answer(server.next(head.uri, headers: head.headers), request: head, context: context)
            }
        }

        func answer(_ behaviour: Behaviour, request: HTTPRequestHead, context: ChannelHandlerContext) {
            let channel = context.channel
            @Sendable func send(_ status: HTTPResponseStatus, _ body: String, headers extra: [(String, String)] = [], length: Int? = nil, close: Bool = true) {
                var headers = HTTPHeaders(extra)
                headers.add(name: "Content-Length", value: String(length ?? body.utf8.count))
                headers.add(name: "Connection", value: "close")
                channel.write(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)), promise: nil)
                var buffer = channel.allocator.buffer(capacity: body.utf8.count)
                buffer.writeString(body)
                if length == nil {
                    channel.write(HTTPServerResponsePart.body(.byteBuffer(buffer)), promise: nil)
                    channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in channel.close(promise: nil) }
                } else {
                    // Fewer bytes than announced, then the connection ends: a cut-short download.
                    channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(buffer))).whenComplete { _ in channel.close(promise: nil) }
                }
            }
            switch behaviour {
            case .ok(let body, let etag):
                if let etag, request.headers.first(name: "if-none-match") == etag {
                    var headers = HTTPHeaders([("ETag", etag), ("Connection", "close")])
                    headers.add(name: "Content-Length", value: "0")
                    channel.write(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .notModified, headers: headers)), promise: nil)
                    channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in channel.close(promise: nil) }
                    return
                }
                send(.ok, body, headers: etag.map { [("ETag", $0)] } ?? [])
            case .status(let code):
                send(HTTPResponseStatus(statusCode: code), "status \(code)")
            case .slow(let body, let delay):
                channel.eventLoop.scheduleTask(in: delay) { send(.ok, body) }
            case .truncated(let body, let claimed):
                send(.ok, body, length: claimed)
            case .deflated(let body):
                let bytes = FixtureServer.deflate(body)
                var headers = HTTPHeaders([("Content-Encoding", "deflate"), ("Connection", "close")])
                headers.add(name: "Content-Length", value: String(bytes.count))
                channel.write(HTTPServerResponsePart.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)), promise: nil)
                var buffer = channel.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                channel.write(HTTPServerResponsePart.body(.byteBuffer(buffer)), promise: nil)
                channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}
