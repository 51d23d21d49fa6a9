import Foundation
import HTTPSupport
import Host
import Hummingbird

/// A user's playlists. Every query is scoped to the signed-in user in the Host: another
/// user's private playlist is "not found", and nobody else's playlist can be changed.
struct PlaylistRoutes {
    let host: MusicHost
    let origin: ClientOrigin
    var playlists: Playlists { host.playlists }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/playlists") { request, context in
            let user = try context.user
            let everyPublic = try request.query.string("public", maxLength: 5) == "true"
            let list = everyPublic ? try await playlists.listPublic(for: user.id) : try await playlists.list(ownedBy: user.id)
            return JSONResponse(PlaylistList(items: list.map(PlaylistSummaryPayload.init)))
        }
        group.post("/api/playlists") { request, context in
            let body = try await request.json(NewPlaylist.self)
            let user = try context.user
            let created = try await playlists.create(ownerID: user.id, name: body.name, isPublic: body.isPublic ?? false)
            return JSONResponse(PlaylistPayload(created), status: .created)
        }
        group.get("/api/playlists/:id") { request, context in
            let user = try context.user
            let (limit, offset) = try request.query.paging(defaultLimit: PlaylistLimits.defaultPage)
            return JSONResponse(PlaylistPayload(
                try await playlists.get(id: context.parameters.require("id"), userID: user.id, limit: limit, offset: offset)))
        }
        group.patch("/api/playlists/:id") { request, context in
            let body = try await request.json(PlaylistChange.self)
            let user = try context.user
            let changed = try await playlists.update(
                id: context.parameters.require("id"), userID: user.id, name: body.name, isPublic: body.isPublic,
                isOffline: body.isOffline)
            return JSONResponse(PlaylistPayload(changed))
        }
        group.delete("/api/playlists/:id") { _, context in
            try await playlists.delete(id: context.parameters.require("id"), userID: context.user.id)
            return Response(status: .noContent)
        }
        group.post("/api/playlists/:id/tracks") { request, context in
            let body = try await request.json(TracksToAdd.self)
            let user = try context.user
            let changed = try await playlists.add(
                trackIDs: body.trackIDs, at: body.position, to: context.parameters.require("id"), userID: user.id)
            return JSONResponse(PlaylistPayload(changed))
        }
        group.delete("/api/playlists/:id/tracks/:position") { _, context in
            let user = try context.user
            let changed = try await playlists.remove(
                position: try Self.position(context.parameters.require("position")), from: context.parameters.require("id"),
                userID: user.id)
            return JSONResponse(PlaylistPayload(changed))
        }
        group.post("/api/playlists/:id/tracks/move") { request, context in
            let body = try await request.json(TrackMove.self)
            let user = try context.user
            let changed = try await playlists.move(
                from: body.from, to: body.to, in: context.parameters.require("id"), userID: user.id)
            return JSONResponse(PlaylistPayload(changed))
        }
        group.get("/api/playlists/:id/share") { request, context in
            let playlist = try await playlists.get(id: context.parameters.require("id"), userID: context.user.id)
            return JSONResponse(ShareLink(url: origin.baseURL(of: request) + "/?playlist=" + playlist.summary.playlist.id))
        }
    }

    static func position(_ text: String) throws -> Int {
        guard let position = Int(text) else {
            throw APIError.badRequest("position must be a whole number (the track's index in the playlist), got \"\(text)\"")
        }
        return position
    }
}

struct NewPlaylist: Decodable {
    var name: String
    var isPublic: Bool?

    enum CodingKeys: String, CodingKey { case name, isPublic = "is_public" }
}

struct PlaylistChange: Decodable {
    var name: String?
    var isPublic: Bool?
    var isOffline: Bool?

    enum CodingKeys: String, CodingKey { case name, isPublic = "is_public", isOffline = "is_offline" }
}

struct TracksToAdd: Decodable {
    var trackIDs: [String]
    var position: Int?

    enum CodingKeys: String, CodingKey { case trackIDs = "track_ids", position }
}

struct TrackMove: Decodable {
    var from: Int
    var to: Int
}

struct PlaylistList: Encodable {
    var items: [PlaylistSummaryPayload]
}

struct PlaylistSummaryPayload: Encodable {
    var id: String
    var name: String
    var ownerID: String
    var isOwner: Bool
    var isPublic: Bool
    var isOffline: Bool
    var trackCount: Int
    var duration: Int
    var createdAt: Date
    var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, duration, ownerID = "owner_id", isOwner = "is_owner", isPublic = "is_public", isOffline = "is_offline"
        case trackCount = "track_count", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ summary: PlaylistSummaryView) {
        let playlist = summary.playlist
        id = playlist.id
        name = playlist.name
        ownerID = playlist.ownerID
        isOwner = summary.isOwner
        isPublic = playlist.isPublic
        isOffline = playlist.isOffline
        trackCount = summary.trackCount
        duration = summary.duration
        createdAt = playlist.createdAt
        updatedAt = playlist.updatedAt
    }
}

/// The summary's fields, plus a window of the tracks (`tracks[i]` is at position
/// `offset + i`; `track_count` is the whole playlist's) and the offline state.
struct PlaylistPayload: Encodable {
    var summary: PlaylistSummaryPayload
    var tracks: [TrackPayload]
    var offset: Int
    var limit: Int
    var offline: OfflineStatus

    init(_ view: PlaylistView) {
        summary = PlaylistSummaryPayload(view.summary)
        tracks = view.tracks.map(TrackPayload.init)
        offset = view.offset
        limit = view.limit
        offline = view.offline
    }

    enum CodingKeys: String, CodingKey { case tracks, offset, limit, offline }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tracks, forKey: .tracks)
        try container.encode(offset, forKey: .offset)
        try container.encode(limit, forKey: .limit)
        try container.encode(offline, forKey: .offline)
    }
}
