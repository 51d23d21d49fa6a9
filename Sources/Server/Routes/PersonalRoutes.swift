import Foundation
import HTTPSupport
import Host
import Hummingbird

/// Likes, listening history and discovery: the signed-in user's own, from Host queries
/// that take the user's id.
struct PersonalRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.put("/api/tracks/:id/like") { _, context in
            try await host.personal.setLiked(true, trackID: context.parameters.require("id"), by: context.user)
            return Response(status: .noContent)
        }
        group.delete("/api/tracks/:id/like") { _, context in
            try await host.personal.setLiked(false, trackID: context.parameters.require("id"), by: context.user)
            return Response(status: .noContent)
        }
        group.get("/api/likes") { request, context in
            let (limit, offset) = try request.query.paging()
            return JSONResponse(PagePayload(try await host.personal.likes(limit: limit, offset: offset, of: context.user), map: TrackPayload.init))
        }
        group.post("/api/tracks/:id/played") { _, context in
            try await host.personal.recordPlay(trackID: context.parameters.require("id"), by: context.user)
            return Response(status: .noContent)
        }
        group.get("/api/history") { request, context in
            let (limit, offset) = try request.query.paging()
            let page = try await host.personal.history(
                from: try request.query.date("from"), to: try request.query.date("to"), limit: limit, offset: offset, of: context.user)
            return JSONResponse(PagePayload(page) { PlayPayload(track: TrackPayload($0.track), playedAt: $0.playedAt) })
        }
        group.get("/api/discover") { _, context in
            let discovery = try await host.personal.discovery(for: context.user)
            return JSONResponse(DiscoveryPayload(
                mostPlayedWeek: discovery.mostPlayedThisWeek.map { PlayCount(track: TrackPayload($0.track), plays: $0.plays) },
                recentlyAdded: discovery.recentlyAdded.map(TrackPayload.init),
                recentlyCached: discovery.recentlyCached.map(TrackPayload.init)))
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
