import Foundation
import HTTPSupport
import Host
import Hummingbird

/// `GET`/`PUT /api/me/queue`: the signed-in person's play queue, the same one Subsonic's
/// getPlayQueue and savePlayQueue read and write.
struct PlayQueueRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/me/queue") { _, context in
            JSONResponse(PlayQueuePayload(try await host.playQueues.queue(of: context.user)))
        }
        group.put("/api/me/queue") { request, context in
            let body = try await request.json(PlayQueueBody.self)
            let saved = try await host.playQueues.save(
                PlayQueueChange(
                    trackIDs: body.trackIDs, currentIndex: body.currentIndex, positionMilliseconds: body.position ?? 0,
                    client: body.client ?? "MySpotify API"),
                for: context.user)
            return JSONResponse(PlayQueuePayload(saved))
        }
    }
}

struct PlayQueueBody: Decodable {
    var trackIDs: [String]
    var currentIndex: Int?
    var position: Int?
    var client: String?

    enum CodingKeys: String, CodingKey {
        case trackIDs = "track_ids", currentIndex = "current_index", position = "position_ms", client
    }
}

struct PlayQueuePayload: Encodable {
    var tracks: [TrackPayload]
    var currentIndex: Int?
    var position: Int
    var changedAt: Date?
    var changedBy: String?

    enum CodingKeys: String, CodingKey {
        case tracks, currentIndex = "current_index", position = "position_ms", changedAt = "changed_at", changedBy = "changed_by"
    }

    init(_ view: PlayQueueView) {
        tracks = view.entries.map(TrackPayload.init)
        currentIndex = view.currentIndex
        position = view.positionMilliseconds
        changedAt = view.changedAt
        changedBy = view.changedBy
    }
}
