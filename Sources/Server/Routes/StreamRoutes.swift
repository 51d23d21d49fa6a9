import Foundation
import Host
import Hummingbird
import NIOCore

/// `GET` and `HEAD /stream/{id}`: the audio of a track, with single byte ranges, validators
/// and conditional requests, streamed from disk in chunks (never loaded whole in memory).
struct StreamRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/stream/:id") { request, context in try await stream(request, context: context, sendBody: true) }
        group.head("/stream/:id") { request, context in try await stream(request, context: context, sendBody: false) }
    }

    private func stream(_ request: Request, context: AppRequestContext, sendBody: Bool) async throws -> Response {
        let id = try context.parameters.require("id")
        switch try await host.streams.open(trackID: id) {
        case .file(let file):
            return try serve(file, request: request, eventLoop: context.eventLoop, sendBody: sendBody)
        case .growing(let growing):
            // Nothing is sent before the first bytes: a failure is answered like any other
            // host error (an item the source does not have is 404, a failing source 502).
            let snapshot = try await growing.waitForStart()
            return try await GrowingResponse(growing: growing, first: snapshot, eventLoop: context.eventLoop)
                .response(rangeHeader: request.headers[.range], sendBody: sendBody)
        }
    }

    private func serve(_ file: PlayableFile, request: Request, eventLoop: any EventLoop, sendBody: Bool) throws -> Response {
        let lastModified = HTTPDate.string(from: file.modified)
        var headers: HTTPFields = [
            .acceptRanges: "bytes",
            .contentType: file.contentType,
            .eTag: file.entityTag,
            .lastModified: lastModified,
            // Revalidate each time: the same URL serves new bytes when the file changes.
            .cacheControl: "no-cache",
        ]

        if let noneMatch = request.headers[.ifNoneMatch], Self.matches(noneMatch, file.entityTag) {
            return Response(status: .notModified, headers: headers)
        }

        var range = ByteRangeRequest(header: request.headers[.range], length: file.size)
        if let ifRange = request.headers[.ifRange], ifRange != file.entityTag, ifRange != lastModified {
            // The client's copy is stale: send the whole current file instead of a piece.
            range = .whole
        }

        switch range {
        case .unsatisfiable(let reason):
            throw APIError(
                status: .rangeNotSatisfiable, code: "range_not_satisfiable", message: reason,
                headers: [.contentRange: "bytes */\(file.size)", .acceptRanges: "bytes"])
        case .whole:
            headers[.contentLength] = String(file.size)
            return Response(status: .ok, headers: headers, body: try body(file, 0...(file.size - 1), eventLoop, sendBody))
        case .partial(let bytes):
            headers[.contentRange] = "bytes \(bytes.lowerBound)-\(bytes.upperBound)/\(file.size)"
            headers[.contentLength] = String(bytes.count)
            return Response(status: .partialContent, headers: headers, body: try body(file, bytes, eventLoop, sendBody))
        }
    }

    private func body(_ file: PlayableFile, _ bytes: ClosedRange<Int64>, _ eventLoop: any EventLoop, _ sendBody: Bool) throws -> ResponseBody {
        guard sendBody, file.size > 0 else { return ResponseBody() }
        return FileRangeBody.make(reader: file.reader, range: bytes, eventLoop: eventLoop)
    }

    /// `If-None-Match` with weak comparison (RFC 9110, 13.1.2): a list of tags or `*`.
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == tag || trimmed == "W/" + tag
        }
    }
}
