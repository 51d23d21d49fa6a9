import Foundation

/// One HTTP/1.1 connection over a plain socket, for what an HTTP client library hides: a
/// client that reads part of an answer and hangs up, or reads nothing at all. Reads run on
/// a Dispatch thread, never on the test's (Swift concurrency) threads, which the server
/// in the same process needs.
public final class RawHTTPConnection: @unchecked Sendable {
    private let socket: Int32
    private var received: [UInt8] = []
    private let queue = DispatchQueue(label: "raw-http")

    /// Connects to 127.0.0.1:`port`. A small `receiveBuffer` keeps the kernel from taking
    /// much of an answer the test does not read, so the server feels the stall at once.
    public init(port: Int, receiveBuffer: Int32? = nil) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw FixtureError(message: "socket: \(errno)") }
        if var size = receiveBuffer {
            setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(socket)
            throw FixtureError(message: "connect to \(port): \(errno)")
        }
    }

    deinit { Glibc.close(socket) }

    /// Sends `GET path` with the given header lines.
    public func get(_ path: String, headers: [String] = []) throws {
        let text = (["GET \(path) HTTP/1.1", "Host: 127.0.0.1"] + headers + ["", ""]).joined(separator: "\r\n")
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { send(socket, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw FixtureError(message: "send: \(errno)") }
    }

    /// Reads until at least `count` bytes (head included) came in, or the connection
    /// ended, or `timeout` passed; answers everything received so far.
    public func read(atLeast count: Int, timeout: Duration = .seconds(20)) async -> [UInt8] {
        let seconds = Double(timeout.components.seconds)
        return await withCheckedContinuation { continuation in
            queue.async {
                var time = timeval(tv_sec: Int(seconds), tv_usec: 0)
                setsockopt(self.socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
                var buffer = [UInt8](repeating: 0, count: 16 * 1024)
                while self.received.count < count {
                    let got = recv(self.socket, &buffer, buffer.count, 0)
                    if got <= 0 { break }
                    self.received += buffer[0..<got]
                }
                continuation.resume(returning: self.received)
            }
        }
    }

    /// Reads to the end of the connection (bounded by `timeout`).
    public func readToEnd(timeout: Duration = .seconds(30)) async -> [UInt8] {
        await read(atLeast: Int.max, timeout: timeout)
    }

    /// Hangs up at once (RST rather than a polite close, as a phone losing its signal does).
    ///
    /// A shutdown alone is only a half-close (a FIN): a server may go on writing into the
    /// full window of a client that never reads. So the socket is also closed with a zero
    /// linger, which resets it, after the shutdown has woken any read waiting on it. The
    /// descriptor is closed by `dup2` onto a fresh unconnected socket, so it stays valid
    /// (reads fail at once) and no other file can take its number before `deinit`.
    public func abort() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        shutdown(socket, Int32(SHUT_RDWR))
        let spare = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard spare >= 0 else { return }
        dup2(spare, socket)
        Glibc.close(spare)
    }

    /// The answer's head (status line and headers) and the body bytes after it, of what
    /// was received.
    public static func split(_ bytes: [UInt8]) -> (head: String, body: [UInt8]) {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == marker }) else {
            return (String(decoding: bytes, as: UTF8.self), [])
        }
        return (String(decoding: bytes[0..<end], as: UTF8.self), Array(bytes[(end + 4)...]))
    }

    /// The payload of a chunked body, and whether its last (empty) chunk came: a body cut
    /// short has none.
    public static func dechunk(_ body: [UInt8]) -> (payload: [UInt8], complete: Bool) {
        var payload: [UInt8] = []
        var index = 0
        while index < body.count {
            guard let lineEnd = (index..<max(index, body.count - 1)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }),
                  let size = Int(String(decoding: body[index..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16)
            else { return (payload, false) }
            if size == 0 { return (payload, true) }
            let start = lineEnd + 2
            guard start + size <= body.count else {
                payload += body[start...]
                return (payload, false)
            }
            payload += body[start..<start + size]
            index = start + size + 2
        }
        return (payload, false)
    }
}
