import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A local HTTP server standing in for YouTube's and SoundCloud's media hosts: the real
/// yt-dlp downloads from it with its generic extractor. Files can be slowed down, cut off
/// or stalled, to make a download's in-between states and failures observable.
public final class MediaServer: Sendable {
    public enum Behaviour: Sendable, Equatable {
        case normal
        /// `bytes` per chunk, `delay` between chunks.
        case throttled(bytes: Int, delay: Duration)
        /// Sends the first half, then drops the connection.
        case diesMidFile
        /// Sends the first half, then goes silent (until the test ends).
        case stallsMidFile
        /// Never answers at all, not even the head (until the test ends): a request that hangs.
        case neverAnswers
        /// Answers `Range: bytes=a-b` with 206 and that slice (416 past the end), as a media
        /// host that is downloaded in chunks does.
        case servesRanges
    }

    public let folder: URL
    private let behaviours = Mutex<[String: Behaviour]>([:])
    private let counts = Mutex<[String: Int]>([:])
    private let active = Mutex<(files: [String: Int], peak: Int)>(([:], 0))
    private let running = Mutex<LoopbackServer?>(nil)

    public init(folder: URL) {
        self.folder = folder
    }

    public var port: Int { running.withLock { $0?.port ?? 0 } }

    /// The URL template providers get: `{id}` is the file's stem, `ext` its extension.
    public func template(ext: String) -> String { "http://127.0.0.1:\(port)/media/{id}.\(ext)" }

    public func setBehaviour(_ behaviour: Behaviour, for name: String) { behaviours.withLock { $0[name] = behaviour } }

    /// GET requests received for a file name.
    public func requests(for name: String) -> Int { counts.withLock { $0[name] ?? 0 } }

    /// The most distinct files ever being sent at the same time (a tool that probes a file
    /// before downloading it opens two requests for one file: that counts once).
    public var peakConcurrentFiles: Int { active.withLock { $0.peak } }

    public func start() async throws {
        let router = Router()
        router.get("/media/**") { request, context -> Response in
            let name = context.parameters.getCatchAll().joined(separator: "/")
            self.counts.withLock { $0[name, default: 0] += 1 }
            if self.behaviours.withLock({ $0[name] }) == .neverAnswers {
                try await Task.sleep(for: .seconds(600))
            }
            guard let data = FileManager.default.contents(atPath: self.folder.appendingPathComponent(name).path) else {
                return Response(status: .notFound)
            }
            let behaviour = self.behaviours.withLock { $0[name] ?? .normal }
            if behaviour == .servesRanges, let range = request.headers[.range] {
                return Self.slice([UInt8](data), range: range)
            }
            let bytes = [UInt8](data)
            let body = ResponseBody(contentLength: bytes.count) { writer in
                self.active.withLock { active in
                    active.files[name, default: 0] += 1
                    active.peak = max(active.peak, active.files.count)
                }
                defer {
                    self.active.withLock { active in
                        active.files[name, default: 1] -= 1
                        if active.files[name] == 0 { active.files[name] = nil }
                    }
                }
                switch behaviour {
                case .normal:
                    try await writer.write(ByteBuffer(bytes: bytes))
                case .throttled(let size, let delay):
                    for start in stride(from: 0, to: bytes.count, by: size) {
                        // A pause before each piece but the first: none after the last, which
                        // would count the file as being sent after its client had it whole
                        // (and had moved on to the next download).
                        if start > 0 { try await Task.sleep(for: delay) }
                        try await writer.write(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
                    }
                case .diesMidFile:
                    try await writer.write(ByteBuffer(bytes: bytes[0..<bytes.count / 2]))
                    throw CancellationError()
                case .stallsMidFile:
                    try await writer.write(ByteBuffer(bytes: bytes[0..<bytes.count / 2]))
                    try await Task.sleep(for: .seconds(600))
                case .neverAnswers:
                    try await Task.sleep(for: .seconds(600))
                case .servesRanges:
                    try await writer.write(ByteBuffer(bytes: bytes))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: body)
        }
        let server = await LoopbackServer.start(router, label: "media-server")
        running.withLock { $0 = server }
    }

    /// The answer to `Range: bytes=a-b` (or `bytes=a-`).
    static func slice(_ bytes: [UInt8], range: String) -> Response {
        let bounds = range.replacingOccurrences(of: "bytes=", with: "").split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let first = Int(bounds[0]), first >= 0 else { return Response(status: .badRequest) }
        guard first < bytes.count else {
            return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(bytes.count)"])
        }
        let last = min(Int(bounds[1]) ?? bytes.count - 1, bytes.count - 1)
        guard last >= first else { return Response(status: .badRequest) }
        return Response(
            status: .partialContent,
            headers: [.contentType: "application/octet-stream", .contentRange: "bytes \(first)-\(last)/\(bytes.count)"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes[first...last])))
    }

    public func stop() {
        running.withLock { $0 }?.stop()
    }
}
