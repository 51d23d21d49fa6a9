import Foundation
import HTTPSupport
import Host
import Hummingbird

/// `GET /api/tracks/{id}/lyrics`: a track's lyrics, synced sets first.
struct LyricsRoutes {
    let host: MusicHost

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/tracks/:id/lyrics") { _, context in
            let found = try await host.lyrics.lyrics(trackID: context.parameters.require("id"))
            return JSONResponse(TrackLyricsPayload(
                trackID: found.track.id,
                lyrics: found.sets.map { set in
                    LyricsPayload(
                        source: set.origin.rawValue, synced: set.isSynced, language: set.language, offset: set.offsetMilliseconds,
                        lines: set.lines.map { LyricsLinePayload(start: $0.start, text: $0.text) })
                }))
        }
    }
}

struct TrackLyricsPayload: Encodable {
    var trackID: String
    var lyrics: [LyricsPayload]

    enum CodingKeys: String, CodingKey { case trackID = "track_id", lyrics }
}

struct LyricsPayload: Encodable {
    /// `sidecar` (an .lrc file) or `embedded` (the file's tags).
    var source: String
    var synced: Bool
    var language: String?
    /// Milliseconds to take from every start (LRC's `[offset:]`: positive shows lines sooner).
    var offset: Int
    var lines: [LyricsLinePayload]

    enum CodingKeys: String, CodingKey { case source, synced, language = "lang", offset = "offset_ms", lines }
}

struct LyricsLinePayload: Encodable {
    /// Milliseconds from the start of the track; left out for unsynced lyrics.
    var start: Int?
    var text: String

    enum CodingKeys: String, CodingKey { case start = "start_ms", text }
}
