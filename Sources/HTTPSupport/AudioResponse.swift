import Foundation
import Host
import Hummingbird
import NIOCore

/// A track's audio as an HTTP answer, the same for `/stream/{id}` and Subsonic's `stream`
/// and `download`: single byte ranges, validators and conditional requests, streamed from
/// disk in chunks (never loaded whole in memory), or from a download still in progress; or
/// a transcode (`TranscodedResponse`).
public enum AudioResponse {
    /// The answer for a stream request's audio: the original as below, or a transcode.
    public static func make(_ audio: TrackAudio, request: Request, eventLoop: any EventLoop, sendBody: Bool) async throws -> Response {
        switch audio {
        case .original(let original):
            return try await make(original, request: request, eventLoop: eventLoop, sendBody: sendBody)
        case .transcoded(let transcoded):
            return TranscodedResponse.make(transcoded, eventLoop: eventLoop, sendBody: sendBody)
        }
    }

    /// The answer for `audio`. Refusals (a range past the end, bytes not downloaded yet)
    /// are thrown as `HTTPRefusal`; a download that failed before its first byte as its
    /// `HostError`.
    public static func make(_ audio: PlayableAudio, request: Request, eventLoop: any EventLoop, sendBody: Bool) async throws -> Response {
        switch audio {
        case .file(let file):
            return try await serve(file, request: request, eventLoop: eventLoop, sendBody: sendBody)
        case .growing(let growing):
            // Nothing is sent before the first bytes: a failure is the caller's to answer.
            let snapshot = try await growing.waitForStart()
            return try await GrowingResponse(growing: growing, first: snapshot, eventLoop: eventLoop)
                .response(rangeHeader: request.headers[.range], sendBody: sendBody)
        }
    }

    private static func serve(_ file: PlayableFile, request: Request, eventLoop: any EventLoop, sendBody: Bool) async throws -> Response {
        let lastModified = HTTPDate.string(from: file.modified)
        var headers: HTTPFields = [
            .acceptRanges: "bytes",
            .contentType: file.contentType,
            .eTag: file.entityTag,
            .lastModified: lastModified,
            // Revalidate each time: the same URL serves new bytes when the file changes.
            .cacheControl: "no-cache",
        ]
        if let noneMatch = request.headers[.ifNoneMatch], EntityTag.matches(noneMatch, file.entityTag) {
            return Response(status: .notModified, headers: headers)
        }
        var range = ByteRangeRequest(header: request.headers[.range], length: file.size)
        if let ifRange = request.headers[.ifRange], ifRange != file.entityTag, ifRange != lastModified {
            // The client's copy is stale: send the whole current file instead of a piece.
            range = .whole
        }
        switch range {
        case .unsatisfiable(let reason):
            throw HTTPRefusal(
                status: .rangeNotSatisfiable, code: "range_not_satisfiable", message: reason,
                headers: [.contentRange: "bytes */\(file.size)", .acceptRanges: "bytes"])
        case .whole:
            headers[.contentLength] = String(file.size)
            return Response(status: .ok, headers: headers, body: try await body(file, 0...(file.size - 1), eventLoop, sendBody))
        case .partial(let bytes):
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(file.size)"
            headers[.contentLength] = String(bytes.count)
            return Response(status: .partialContent, headers: headers, body: try await body(file, bytes, eventLoop, sendBody))
        }
    }

    /// A range of one chunk or less (a small file, a player's probe or 64 KiB step) is read
    /// now and sent in one write with the head, as Hummingbird sends a body in memory; only
    /// a longer one is streamed, in step with the connection.
    private static func body(
        _ file: PlayableFile, _ bytes: ClosedRange<Int64>, _ eventLoop: any EventLoop, _ sendBody: Bool
    ) async throws -> ResponseBody {
        guard sendBody, file.size > 0 else { return ResponseBody() }
        if bytes.count <= FileRangeBody.chunkSize {
            return ResponseBody(byteBuffer: try await FileRangeBody.read(reader: file.reader, range: bytes))
        }
        return FileRangeBody.make(reader: file.reader, range: bytes, eventLoop: eventLoop)
    }
}

/// Entity tags as HTTP compares them.
public enum EntityTag {
    /// `If-None-Match` with weak comparison (RFC 9110, 13.1.2): a list of tags or `*`.
    public static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }
}
