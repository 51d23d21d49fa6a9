import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SourceAPI

/// Downloads one resolved format over HTTP as yt-dlp's HTTP downloader does: the headers
/// yt-dlp gives (identity encoding, its user agent, cookies), redirects followed, and in
/// ranges of `chunkSize` bytes when yt-dlp would ask in chunks (YouTube throttles whole-file
/// requests). Here rather than in the yt-dlp command because starting that command is the
/// half second a warm play saves.
enum MediaDownload {
    /// The media host would not serve the URL (a prepared URL that went stale, say); no
    /// byte was sent.
    struct Refused: Error, CustomStringConvertible {
        var status: UInt
        var description: String { "the media host answered \(status)" }
    }

    /// One client for every download: no decompression (the bytes are the file), redirects
    /// followed as yt-dlp does, a read timeout longer than the cache's stall timeout (which
    /// stops a silent download first, with its own message).
    static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .follow(max: 10, allowCycles: false),
            timeout: .init(connect: .seconds(20), read: .seconds(60)),
            decompression: .disabled))

    /// Time allowed from a request to its answer's head.
    static let headDeadline: TimeAmount = .seconds(30)

    /// Sends the bytes of `media` through `relay`. Throws `Refused` for an answer that is
    /// not a success before any byte was sent, `.unavailable` when the host cannot be
    /// reached or the transfer is cut. No message names the URL (it may carry a signature).
    static func send(_ media: ResolvedMedia, ref: RemoteRef, to relay: ByteRelay) async throws {
        var offset = 0
        while true {
            var request = HTTPClientRequest(url: media.url)
            for (name, value) in media.headers { request.headers.replaceOrAdd(name: name, value: value) }
            if let chunk = media.chunkSize, chunk > 0 {
                request.headers.replaceOrAdd(name: "Range", value: "bytes=\(offset)-\(offset + chunk - 1)")
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: headDeadline)
            } catch {
                throw ProviderError.unavailable("the media host of \(ref) could not be reached: \(error)")
            }
            switch response.status.code {
            case 200:
                // The whole file, whatever was asked.
                try await receive(response, expected: contentLength(of: response), ref: ref, relay: relay)
                return
            case 206:
                let range = contentRange(of: response)
                let received = try await receive(response, expected: range?.length ?? contentLength(of: response), ref: ref, relay: relay)
                offset += received
                guard received > 0, let chunk = media.chunkSize, received >= chunk else { return }
                if let total = range?.total, offset >= total { return }
            case 416 where offset > 0:
                // The last chunk ended exactly at the end of the file.
                return
            default:
                if relay.bytesSent == 0 { throw Refused(status: response.status.code) }
                throw ProviderError.unavailable("the media host of \(ref) answered \(response.status.code) in the middle of the download")
            }
        }
    }

    /// Relays one answer's body; checks it is as long as it said.
    @discardableResult
    private static func receive(_ response: HTTPClientResponse, expected: Int?, ref: RemoteRef, relay: ByteRelay) async throws -> Int {
        var received = 0
        do {
            for try await buffer in response.body {
                received += buffer.readableBytes
                try await relay.send(Array(buffer.readableBytesView))
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ProviderError.unavailable("the download of \(ref) was cut after \(received) bytes: \(error)")
        }
        if let expected, received != expected {
            throw ProviderError.unavailable("the download of \(ref) ended after \(received) of \(expected) bytes")
        }
        return received
    }

    private static func contentLength(of response: HTTPClientResponse) -> Int? {
        response.headers.first(name: "Content-Length").flatMap { Int($0) }
    }

    /// `Content-Range: bytes a-b/total` as (length of a-b, total); total nil for `*`.
    static func contentRange(of response: HTTPClientResponse) -> (length: Int, total: Int?)? {
        guard let value = response.headers.first(name: "Content-Range") else { return nil }
        return parseContentRange(value)
    }

    static func parseContentRange(_ value: String) -> (length: Int, total: Int?)? {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bytes" else { return nil }
        let span = parts[1].split(separator: "/", maxSplits: 1)
        let bounds = span[0].split(separator: "-", maxSplits: 1)
        guard span.count == 2, bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), last >= first else { return nil }
        return (last - first + 1, Int(span[1]))
    }
}
