import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// TLS over a connected socket, through the system's OpenSSL (`libssl.so.3`, loaded with `dlopen`
/// so that a machine without it still builds sites): what `SMTPClient` needs for STARTTLS. The
/// client side always verifies the server's certificate against the system's trust store (plus an
/// extra CA file when given) and its name; the server side exists for tests.
final class TLSConnection: @unchecked Sendable {
    struct Failure: Error { var reason: String }

    private let ssl: OpaquePointer
    private let context: OpaquePointer
    private let library: OpenSSL

    /// The client end: handshake with `host` on `fd`, verifying its certificate.
    static func client(fd: Int32, host: String, extraCA: String?) throws(Failure) -> TLSConnection {
        guard let l = OpenSSL.shared else { throw Failure(reason: "OpenSSL (libssl.so.3) is not installed, so STARTTLS is not possible") }
        guard let method = l.clientMethod(), let ctx = l.ctxNew(method) else { throw Failure(reason: "OpenSSL cannot make a TLS context") }
        _ = l.ctxSetDefaultVerifyPaths(ctx)
        if let extraCA, l.ctxLoadVerifyLocations(ctx, extraCA, nil) != 1 {
            l.ctxFree(ctx)
            throw Failure(reason: "cannot read the CA file \(extraCA)")
        }
        l.ctxSetVerify(ctx, 1, nil) // SSL_VERIFY_PEER
        guard let ssl = l.new(ctx) else { l.ctxFree(ctx); throw Failure(reason: "OpenSSL cannot make a connection") }
        let connection = TLSConnection(ssl: ssl, context: ctx, library: l)
        _ = l.set1Host(ssl, host)
        _ = host.withCString { l.ctrl(ssl, 55, 0, UnsafeMutableRawPointer(mutating: $0)) } // SSL_set_tlsext_host_name (SNI)
        _ = l.setFD(ssl, fd)
        guard l.connect(ssl) == 1 else {
            let verify = l.getVerifyResult(ssl)
            throw Failure(reason: verify != 0 ? "the relay's certificate is not trusted for \(host) (OpenSSL verify error \(verify))" : "the TLS handshake failed")
        }
        return connection
    }

    /// The server end, with a certificate and key in PEM files (for the tests' relay).
    static func server(fd: Int32, certificate: String, key: String) throws(Failure) -> TLSConnection {
        guard let l = OpenSSL.shared, let method = l.serverMethod(), let ctx = l.ctxNew(method) else { throw Failure(reason: "no OpenSSL") }
        guard l.ctxUseCertificateFile(ctx, certificate, 1) == 1, l.ctxUsePrivateKeyFile(ctx, key, 1) == 1, let ssl = l.new(ctx) else {
            l.ctxFree(ctx)
            throw Failure(reason: "cannot load the certificate")
        }
        let connection = TLSConnection(ssl: ssl, context: ctx, library: l)
        _ = l.setFD(ssl, fd)
        guard l.accept(ssl) == 1 else { throw Failure(reason: "the TLS handshake failed") }
        return connection
    }

    private init(ssl: OpaquePointer, context: OpaquePointer, library: OpenSSL) {
        self.ssl = ssl
        self.context = context
        self.library = library
    }

    deinit {
        _ = library.shutdown(ssl)
        library.free(ssl)
        library.ctxFree(context)
    }

    /// Up to `count` bytes; 0 or less when the connection ended or timed out.
    func read(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Int(library.read(ssl, buffer, Int32(count))) }

    func write(_ buffer: UnsafeRawPointer, _ count: Int) -> Int { Int(library.write(ssl, buffer, Int32(count))) }

    /// Whether OpenSSL is on this machine.
    static var isAvailable: Bool { OpenSSL.shared != nil }
}

/// The OpenSSL 3 functions TLS needs, looked up once.
private struct OpenSSL: @unchecked Sendable {
    let clientMethod: @convention(c) () -> OpaquePointer?
    let serverMethod: @convention(c) () -> OpaquePointer?
    let ctxNew: @convention(c) (OpaquePointer) -> OpaquePointer?
    let ctxFree: @convention(c) (OpaquePointer) -> Void
    let ctxSetDefaultVerifyPaths: @convention(c) (OpaquePointer) -> Int32
    let ctxLoadVerifyLocations: @convention(c) (OpaquePointer, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let ctxSetVerify: @convention(c) (OpaquePointer, Int32, OpaquePointer?) -> Void
    let ctxUseCertificateFile: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32) -> Int32
    let ctxUsePrivateKeyFile: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32) -> Int32
    let new: @convention(c) (OpaquePointer) -> OpaquePointer?
    let free: @convention(c) (OpaquePointer) -> Void
    let setFD: @convention(c) (OpaquePointer, Int32) -> Int32
    let set1Host: @convention(c) (OpaquePointer, UnsafePointer<CChar>) -> Int32
    let ctrl: @convention(c) (OpaquePointer, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let connect: @convention(c) (OpaquePointer) -> Int32
    let accept: @convention(c) (OpaquePointer) -> Int32
    let read: @convention(c) (OpaquePointer, UnsafeMutableRawPointer, Int32) -> Int32
    let write: @convention(c) (OpaquePointer, UnsafeRawPointer, Int32) -> Int32
    let shutdown: @convention(c) (OpaquePointer) -> Int32
    let getVerifyResult: @convention(c) (OpaquePointer) -> Int

    static let shared: OpenSSL? = {
        guard let lib = dlopen("libssl.so.3", RTLD_NOW) else { return nil }
        func f<T>(_ name: String) -> T? { dlsym(lib, name).map { unsafeBitCast($0, to: T.self) } }
        guard let clientMethod: @convention(c) () -> OpaquePointer? = f("TLS_client_method"),
              let serverMethod: @convention(c) () -> OpaquePointer? = f("TLS_server_method"),
              let ctxNew: @convention(c) (OpaquePointer) -> OpaquePointer? = f("SSL_CTX_new"),
              let ctxFree: @convention(c) (OpaquePointer) -> Void = f("SSL_CTX_free"),
              let ctxSetDefaultVerifyPaths: @convention(c) (OpaquePointer) -> Int32 = f("SSL_CTX_set_default_verify_paths"),
              let ctxLoadVerifyLocations: @convention(c) (OpaquePointer, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32 = f("SSL_CTX_load_verify_locations"),
              let ctxSetVerify: @convention(c) (OpaquePointer, Int32, OpaquePointer?) -> Void = f("SSL_CTX_set_verify"),
              let ctxUseCertificateFile: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32) -> Int32 = f("SSL_CTX_use_certificate_file"),
              let ctxUsePrivateKeyFile: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32) -> Int32 = f("SSL_CTX_use_PrivateKey_file"),
              let new: @convention(c) (OpaquePointer) -> OpaquePointer? = f("SSL_new"),
              let free: @convention(c) (OpaquePointer) -> Void = f("SSL_free"),
              let setFD: @convention(c) (OpaquePointer, Int32) -> Int32 = f("SSL_set_fd"),
              let set1Host: @convention(c) (OpaquePointer, UnsafePointer<CChar>) -> Int32 = f("SSL_set1_host"),
              let ctrl: @convention(c) (OpaquePointer, Int32, Int, UnsafeMutableRawPointer?) -> Int = f("SSL_ctrl"),
              let connect: @convention(c) (OpaquePointer) -> Int32 = f("SSL_connect"),
              let accept: @convention(c) (OpaquePointer) -> Int32 = f("SSL_accept"),
              let read: @convention(c) (OpaquePointer, UnsafeMutableRawPointer, Int32) -> Int32 = f("SSL_read"),
              let write: @convention(c) (OpaquePointer, UnsafeRawPointer, Int32) -> Int32 = f("SSL_write"),
              let shutdown: @convention(c) (OpaquePointer) -> Int32 = f("SSL_shutdown"),
              let getVerifyResult: @convention(c) (OpaquePointer) -> Int = f("SSL_get_verify_result")
        else { return nil }
        return OpenSSL(clientMethod: clientMethod, serverMethod: serverMethod, ctxNew: ctxNew, ctxFree: ctxFree,
                       ctxSetDefaultVerifyPaths: ctxSetDefaultVerifyPaths, ctxLoadVerifyLocations: ctxLoadVerifyLocations,
                       ctxSetVerify: ctxSetVerify, ctxUseCertificateFile: ctxUseCertificateFile, ctxUsePrivateKeyFile: ctxUsePrivateKeyFile,
                       new: new, free: free, setFD: setFD, set1Host: set1Host, ctrl: ctrl, connect: connect, accept: accept,
                       read: read, write: write, shutdown: shutdown, getVerifyResult: getVerifyResult)
    }()
}
