import ChartbookCore
import ChartbookSite
import FlyingFox
import Foundation

/// `chartbook serve`: builds the site, serves `Output/` on localhost, rebuilds when `Data/` or
/// `Templates/` change and makes open pages reload. A failed rebuild keeps the last good site
/// (the build never replaces `Output/` unless it succeeds) and shows the error in the page and
/// in the terminal.
public final class PreviewServer: @unchecked Sendable {
    public let project: Project
    public let port: UInt16
    let state = BuildState()
    let log: @Sendable (String) -> Void

    /// The current build number and the last build's error, shared with the HTTP handlers.
    final class BuildState: @unchecked Sendable {
        private let lock = NSLock()
        private var version = 0
        private var error: String?

        func succeeded() { lock.lock(); version += 1; error = nil; lock.unlock() }
        func failed(_ message: String) { lock.lock(); error = message; lock.unlock() }

        var json: Data {
            lock.lock(); defer { lock.unlock() }
            let payload: [String: Any] = ["version": version, "error": error ?? NSNull()]
            return (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])) ?? Data("{}".utf8)
        }
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
            let summary = try SiteBuilder(project: project, rasterize: false).build()
            state.succeeded()
            for warning in summary.warnings { log(warning.description) }
            log("built \(summary.issues) issue(s), \(summary.pages) page(s), \(summary.charts) chart(s) in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        } catch {
            state.failed(error.description)
            log(error.description)
        }
    }

    /// The response for one request: a file from the output folder, with the reload script in HTML.
    func respond(to request: HTTPRequest, files: PreviewFiles) -> HTTPResponse {
        if request.path == LiveReload.statusPath {
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .init("Cache-Control"): "no-store"], body: state.json)
        }
        guard let url = files.resolve(request.path), let data = FileManager.default.contents(atPath: url.path) else {
            let notFound = files.resolve("/404.html").flatMap { FileManager.default.contents(atPath: $0.path) } ?? Data("Not found".utf8)
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                                body: Data(LiveReload.inject(into: String(decoding: notFound, as: UTF8.self)).utf8))
        }
        let type = PreviewFiles.contentType(url)
        let body = type.hasPrefix("text/html") ? Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self)).utf8) : data
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .init("Cache-Control"): "no-cache"], body: body)
    }

    /// Runs until cancelled: the first build, the watcher and the server on 127.0.0.1.
    public func run() async throws {
        rebuild()
        let watcher = ProjectWatcher(folders: [project.data, project.templates])
        let watch = Task.detached { [self] in
            var last = watcher.fingerprint()
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 400_000_000)
                let now = watcher.fingerprint()
                if now != last {
                    last = now
                    log("change detected; rebuilding")
                    rebuild()
                }
            }
        }
        defer { watch.cancel() }
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        let files = PreviewFiles(root: project.output)
        await server.appendRoute("GET *") { [self] request in respond(to: request, files: files) }
        log("serving \(project.output.path) at http://127.0.0.1:\(port)/ (Ctrl-C to stop)")
        try await server.run()
    }
}
