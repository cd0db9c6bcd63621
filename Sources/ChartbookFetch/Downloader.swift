import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads one file politely and safely: a conditional request (ETag / Last-Modified from the
/// last fetch), compressed transfer, a timeout between bytes and one for the whole download, a size
/// cap enforced while the bytes arrive, and bounded retries with backoff on 429, 5xx and broken
/// connections (honouring Retry-After, within reason).
///
/// Foundation's URLSession (libcurl underneath on Linux) rather than async-http-client: it is
/// already part of the toolchain, so fetching adds nothing to a clean build, and a handful of
/// sequential downloads a week need none of SwiftNIO's concurrency.
public struct Downloader: Sendable {
    /// Limits and patience; tests shorten them.
    public struct Options: Sendable {
        public var idleTimeout: TimeInterval = 30
        public var totalTimeout: TimeInterval = 300
        public var attempts = 3
        public var backoff: TimeInterval = 2
        public var maxBytes = 256 << 20
        public init() {}
    }

    /// What came back.
    public enum Result: Sendable {
        case body(Data, etag: String?, lastModified: String?)
        case notModified
    }

    /// Why a download failed, in words for the report.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let options: Options

    public init(options: Options = Options()) { self.options = options }

    /// GETs `url`; `etag` and `lastModified` make the request conditional.
    public func get(_ url: URL, etag: String?, lastModified: String?) throws(Failure) -> Result {
        var lastFailure = Failure(description: "no attempt was made")
        for attempt in 0..<max(1, options.attempts) {
            let outcome = once(url, etag: etag, lastModified: lastModified)
            switch outcome {
            case .done(let result): return result
            case .fatal(let failure): throw failure
            case .retry(let failure, let after):
                lastFailure = failure
                if attempt + 1 < options.attempts {
                    let wait = min(after ?? options.backoff * pow(2, Double(attempt)), 60)
                    Thread.sleep(forTimeInterval: wait)
                }
            }
        }
        throw Failure(description: lastFailure.description + " (after \(options.attempts) attempts)")
    }

    enum Outcome { case done(Result), retry(Failure, after: TimeInterval?), fatal(Failure) }

    private func once(_ url: URL, etag: String?, lastModified: String?) -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: options.idleTimeout)
        request.setValue("Chartbook-fetch/1", forHTTPHeaderField: "User-Agent")
        // Accept-Encoding (gzip, deflate) is sent, and the body decompressed, by URLSession itself.
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = options.idleTimeout
        configuration.timeoutIntervalForResource = options.totalTimeout
        let collector = Collector(maxBytes: options.maxBytes)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        collector.done.wait()
        if collector.tooLarge {
            return .fatal(Failure(description: "the download passed the size limit of \(options.maxBytes) bytes"))
        }
        if let error = collector.error {
            return .retry(Failure(description: "the download failed: \(error.localizedDescription)"), after: nil)
        }
        guard let response = collector.response as? HTTPURLResponse else {
            return .retry(Failure(description: "no HTTP response"), after: nil)
        }
        let status = response.statusCode
        switch status {
        case 304: return .done(.notModified)
        case 200:
            if let expected = response.value(forHTTPHeaderField: "Content-Length").flatMap(Int.init),
               response.value(forHTTPHeaderField: "Content-Encoding") == nil, expected != collector.data.count {
                return .retry(Failure(description: "the download was cut short (\(collector.data.count) of \(expected) bytes)"), after: nil)
            }
            return .done(.body(collector.data, etag: response.value(forHTTPHeaderField: "ETag"),
                               lastModified: response.value(forHTTPHeaderField: "Last-Modified")))
        case 429, 500...599:
            let after = response.value(forHTTPHeaderField: "Retry-After").flatMap(TimeInterval.init)
            return .retry(Failure(description: "the server answered \(status)"), after: after)
        default:
            return .fatal(Failure(description: "the server answered \(status)"))
        }
    }

    /// Gathers one response, cancelling the download once it passes the size cap.
    final class Collector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let maxBytes: Int
        let done = DispatchSemaphore(value: 0)
        var data = Data()
        var response: URLResponse?
        var error: Error?
        var tooLarge = false

        init(maxBytes: Int) { self.maxBytes = maxBytes }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            self.response = response
            if response.expectedContentLength > Int64(maxBytes) { tooLarge = true; completionHandler(.cancel); return }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            self.data.append(data)
            if self.data.count > maxBytes { tooLarge = true; dataTask.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            if !tooLarge { self.error = error }
            done.signal()
        }
    }
}
