import Foundation
import HTTPTypes
import Host
import Hummingbird

/// `GET /api/search` with `Accept: application/x-ndjson`: the search as JSON lines, each
/// written as soon as it is made: a `start` line naming the sources asked, the best artists
/// and albums (`collections`), one `part` per source as it answers, then `complete` (see
/// docs/API.md).
///
/// Nothing is written while every source still searches, so a client that hangs up then is
/// noticed by its connection closing (`consumeWithCancellationOnInboundClose`), not by a
/// failed write: the stream stops, which cancels the searches still running. The connection
/// is not kept alive after such an answer (said with `Connection: close`).
enum SearchStreamResponse {
    static let mediaType = "application/x-ndjson"

    /// Whether the request's `Accept` names NDJSON (with a weight above 0).
    static func isWanted(by request: Request) -> Bool {
        guard let accept = request.headers[.accept] else { return false }
        return accept.split(separator: ",").contains { range in
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == mediaType else { return false }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return weight > 0
        }
    }

    static func make(_ stream: SearchStream, request: Request) -> Response {
        let headers: HTTPFields = [
            .contentType: mediaType + "; charset=utf-8",
            .cacheControl: "no-store",
            .vary: "Accept",
            .connection: "close",
            // Proxies that buffer answers (nginx) pass this one through as it comes.
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        let body = ResponseBody { writer in
            try await request.body.consumeWithCancellationOnInboundClose { _ in
                let sources = stream.sources.map { StartLine.Source(id: $0.id, library: $0.isLibrary) }
                try await writer.write(line(StartLine(query: stream.query, sources: sources)))
                for await event in stream {
                    switch event {
                    case .collections(let collections):
                        try await writer.write(line(CollectionsLine(
                            artists: collections.artists.map(ArtistPayload.init), albums: collections.albums.map(AlbumPayload.init))))
                    case .part(let part):
                        try await writer.write(line(PartLine(source: part.source, results: part.tracks.map(TrackPayload.init))))
                    case .complete(let completion):
                        try await writer.write(line(CompleteLine(query: completion.query, sources: completion.sources)))
                    }
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    private static func line(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        // No pretty printing: a line break ends a line, and JSON escapes those inside strings.
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        var buffer = ByteBuffer(bytes: try encoder.encode(value))
        buffer.writeString("\n")
        return buffer
    }
}

/// The first line: the sources asked, in `plugins.json` order (one part comes for each).
struct StartLine: Encodable {
    struct Source: Encodable {
        var id: String
        var library: Bool
    }

    var type = "start"
    var query: String
    var sources: [Source]
}

/// The best artists and albums of the library, before any part (empty past the first page).
struct CollectionsLine: Encodable {
    var type = "collections"
    var artists: [ArtistPayload]
    var albums: [AlbumPayload]
}

/// One source's answer: its report, as in a whole answer's `sources`, and its hits.
struct PartLine: Encodable {
    var type = "part"
    var source: SourceReport
    var results: [TrackPayload]
}

/// The last line: every source's report, in `plugins.json` order.
struct CompleteLine: Encodable {
    var type = "complete"
    var query: String
    var sources: [SourceReport]
}
