import Foundation
import Host
import Hummingbird

/// Browsing and search: `/api/search`, `/api/artists`, `/api/albums`, `/api/tracks`.
struct LibraryRoutes {
    let host: MusicHost
    let origin: ClientOrigin
    var payloads: TrackPayloads { TrackPayloads(host: host) }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/search") { request, context in try await search(request, user: context.user) }
        group.get("/api/tracks/:id") { _, context in
            JSONResponse(try await payloads.make(host.catalog.track(id: context.parameters.require("id")), for: context.user))
        }
        group.get("/api/tracks/:id/share") { request, context in
            let track = try await host.catalog.track(id: context.parameters.require("id"))
            return JSONResponse(ShareLink(url: origin.baseURL(of: request) + "/?track=" + track.id))
        }
        group.get("/api/albums") { request, _ in
            let (limit, offset) = try request.query.paging()
            let page = try await host.catalog.albums(sort: try request.query.albumSort(), limit: limit, offset: offset)
            return JSONResponse(PagePayload(page, map: AlbumPayload.init))
        }
        group.get("/api/tracks") { request, context in
            let (limit, offset) = try request.query.paging()
            let page = try await host.catalog.tracks(sort: try request.query.albumSort(), limit: limit, offset: offset)
            return JSONResponse(PagePayload(page, items: try await payloads.make(page.items, for: context.user)))
        }
        group.get("/api/albums/:id") { _, context in
            let (album, tracks) = try await host.catalog.album(id: context.parameters.require("id"))
            return JSONResponse(AlbumDetail(album: AlbumPayload(album), tracks: try await payloads.make(tracks, for: context.user)))
        }
        group.get("/api/artists") { request, _ in
            let (limit, offset) = try request.query.paging()
            let page = try await host.catalog.artists(limit: limit, offset: offset)
            return JSONResponse(PagePayload(page, map: ArtistPayload.init))
        }
        group.get("/api/artists/:id") { _, context in
            let (artist, albums) = try await host.catalog.artist(id: context.parameters.require("id"))
            return JSONResponse(ArtistDetail(artist: ArtistPayload(artist), albums: albums.map(AlbumPayload.init)))
        }
    }

    private func search(_ request: Request, user: User) async throws -> JSONResponse<SearchPayload> {
        let text = try request.query.string("q", maxLength: FederatedSearch.maximumQueryLength) ?? ""
        let (limit, offset) = try request.query.paging(defaultLimit: 20)
        let sources = try request.query.string("sources", maxLength: 200)?
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let answer = try await host.search.search(text, limit: limit, offset: offset, sources: sources)
        return JSONResponse(SearchPayload(
            query: answer.query, results: try await payloads.make(answer.tracks, for: user), sources: answer.sources))
    }
}

struct SearchPayload: Encodable {
    var query: String
    var results: [TrackPayload]
    var sources: [SourceReport]
}

struct ShareLink: Encodable {
    var url: String
}

struct AlbumDetail: Encodable {
    var album: AlbumPayload
    var tracks: [TrackPayload]
}

struct ArtistDetail: Encodable {
    var artist: ArtistPayload
    var albums: [AlbumPayload]
}
