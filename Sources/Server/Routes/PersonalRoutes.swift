import Foundation
import Host
import Hummingbird

/// Likes, listening history and discovery: the signed-in user's own, from Host queries
/// that take the user's id.
struct PersonalRoutes {
    let host: MusicHost
    var payloads: TrackPayloads { TrackPayloads(host: host) }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.put("/api/tracks/:id/like") { _, context in
            try await host.catalog.setLiked(true, trackID: context.parameters.require("id"), userID: context.user.id)
            return Response(status: .noContent)
        }
        group.delete("/api/tracks/:id/like") { _, context in
            try await host.catalog.setLiked(false, trackID: context.parameters.require("id"), userID: context.user.id)
            return Response(status: .noContent)
        }
        group.get("/api/likes") { request, context in
            let (limit, offset) = try request.query.paging()
            let page = try await host.catalog.likedTracks(userID: context.user.id, limit: limit, offset: offset)
            return JSONResponse(PagePayload(page, items: page.items.map { TrackPayload($0, liked: true) }))
        }
        group.post("/api/tracks/:id/played") { _, context in
            try await host.catalog.recordPlay(trackID: context.parameters.require("id"), userID: context.user.id)
            return Response(status: .noContent)
        }
        group.get("/api/history") { request, context in
            let user = try context.user
            let (limit, offset) = try request.query.paging()
            let page = try await host.catalog.history(
                userID: user.id, from: try request.query.date("from"), to: try request.query.date("to"), limit: limit,
                offset: offset)
            let tracks = try await payloads.make(page.items.map(\.track), for: user)
            return JSONResponse(PagePayload(
                page, items: zip(page.items, tracks).map { PlayPayload(track: $1, playedAt: $0.playedAt) }))
        }
        group.get("/api/discover") { _, context in
            let user = try context.user
            let discovery = try await host.discovery(userID: user.id)
            let played = try await payloads.make(discovery.mostPlayedThisWeek.map(\.track), for: user)
            return JSONResponse(DiscoveryPayload(
                mostPlayedWeek: zip(discovery.mostPlayedThisWeek, played).map { PlayCount(track: $1, plays: $0.plays) },
                recentlyAdded: try await payloads.make(discovery.recentlyAdded, for: user),
                recentlyCached: try await payloads.make(discovery.recentlyCached, for: user)))
        }
    }
}

struct PlayPayload: Encodable {
    var track: TrackPayload
    var playedAt: Date

    enum CodingKeys: String, CodingKey { case track, playedAt = "played_at" }
}

struct PlayCount: Encodable {
    var track: TrackPayload
    var plays: Int
}

struct DiscoveryPayload: Encodable {
    var mostPlayedWeek: [PlayCount]
    var recentlyAdded: [TrackPayload]
    var recentlyCached: [TrackPayload]

    enum CodingKeys: String, CodingKey {
        case mostPlayedWeek = "most_played_week", recentlyAdded = "recently_added", recentlyCached = "recently_cached"
    }
}
