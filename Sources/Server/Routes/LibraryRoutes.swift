import Foundation
import HTTPSupport
import Host
import Hummingbird

/// Browsing and search: `/api/search`, `/api/artists`, `/api/albums`, `/api/tracks`. Each
/// route parses, makes one Host call and encodes.
struct LibraryRoutes {
    let host: MusicHost
    let origin: ClientOrigin

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/search") { request, context -> Response in
            if SearchStreamResponse.isWanted(by: request) { return try streamedSearch(request, user: context.user) }
            var response = try await search(request, user: context.user).response(from: request, context: context)
            response.headers[.vary] = "Accept"
            return response
        }
        group.get("/api/tracks/:id") { _, context in
            JSONResponse(TrackPayload(try await host.library.track(id: context.parameters.require("id"), for: context.user)))
        }
        group.get("/api/tracks/:id/share") { request, context in
            let track = try await host.library.track(id: context.parameters.require("id"), for: context.user)
            return JSONResponse(ShareLink(url: origin.baseURL(of: request) + "/?track=" + track.id))
        }
        group.get("/api/albums") { request, context in
            let (limit, offset) = try request.query.paging()
            let page = try await host.library.albums(sort: try request.query.albumSort(), limit: limit, offset: offset, for: context.user)
            return JSONResponse(PagePayload(page, map: AlbumPayload.init))
        }
        group.get("/api/tracks") { request, context in
            let (limit, offset) = try request.query.paging()
            let page = try await host.library.tracks(sort: try request.query.trackSort(), limit: limit, offset: offset, for: context.user)
            return JSONResponse(PagePayload(page, map: TrackPayload.init))
        }
        group.get("/api/albums/:id") { _, context in
            let detail = try await host.library.album(id: context.parameters.require("id"), for: context.user)
            return JSONResponse(AlbumDetailPayload(album: AlbumPayload(detail.album), tracks: detail.tracks.map(TrackPayload.init)))
        }
        group.get("/api/artists") { request, context in
            let (limit, offset) = try request.query.paging()
            let page = try await host.library.artists(limit: limit, offset: offset, for: context.user)
            return JSONResponse(PagePayload(page, map: ArtistPayload.init))
        }
        group.get("/api/artists/:id") { _, context in
            let detail = try await host.library.artist(id: context.parameters.require("id"), for: context.user)
            return JSONResponse(ArtistDetailPayload(
                artist: ArtistPayload(detail.artist), albums: detail.albums.map(AlbumPayload.init),
                topTracks: detail.topTracks.map(TrackPayload.init)))
        }
    }

    private func search(_ request: Request, user: User) async throws -> JSONResponse<SearchPayload> {
        let asked = try SearchRequest(request.query)
        let answer = try await host.search.search(asked.text, limit: asked.limit, offset: asked.offset, sources: asked.sources, for: user)
        return JSONResponse(SearchPayload(
            query: answer.query, results: answer.tracks.map(TrackPayload.init), sources: answer.sources,
            artists: answer.collections.artists.map(ArtistPayload.init), albums: answer.collections.albums.map(AlbumPayload.init)))
    }

    /// The same search as JSON lines, one per source as it answers.
    private func streamedSearch(_ request: Request, user: User) throws -> Response {
        let asked = try SearchRequest(request.query)
        let stream = try host.search.stream(asked.text, limit: asked.limit, offset: asked.offset, sources: asked.sources, for: user)
        return SearchStreamResponse.make(stream, request: request)
    }
}

/// A search's query parameters: `q`, `limit`, `offset`, `sources`.
struct SearchRequest {
    var text: String
    var limit: Int
    var offset: Int
    var sources: [String]?

    init(_ query: QueryParameters) throws {
        text = try query.string("q", maxLength: Searching.maximumQueryLength) ?? ""
        let paging = try query.paging(defaultLimit: 20)
        limit = paging.0
        offset = paging.1
        sources = try query.string("sources", maxLength: 200)?
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

struct SearchPayload: Encodable {
    var query: String
    var results: [TrackPayload]
    var sources: [SourceReport]
    /// The best artists and albums of the library, on the first page.
    var artists: [ArtistPayload]
    var albums: [AlbumPayload]
}

struct ShareLink: Encodable {
    var url: String
}

struct AlbumDetailPayload: Encodable {
    var album: AlbumPayload
    var tracks: [TrackPayload]
}

struct ArtistDetailPayload: Encodable {
    var artist: ArtistPayload
    var albums: [AlbumPayload]
    var topTracks: [TrackPayload]

    enum CodingKeys: String, CodingKey {
        case artist, albums, topTracks = "top_tracks"
    }
}
