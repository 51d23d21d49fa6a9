import Foundation
import GRDB
import SourceAPI

/// What the discovery page shows one user.
struct Discovery: Sendable {
    var mostPlayedThisWeek: [(track: Track, plays: Int)]
    var recentlyAdded: [Track]
    var recentlyCached: [Track]
}

extension Catalog {
    /// The user's most played tracks of the last seven days, the library's newest files and
    /// the shared cache's newest downloads.
    func discovery(userID: String, librarySources: [ProviderID], now: Date = Date(), limit: Int = 20) async throws -> Discovery {
        let weekAgo = now.addingTimeInterval(-7 * 24 * 3600)
        let sources = try Self.jsonList(librarySources.map(\.rawValue))
        return try await pool.read { db in
            let played = try Row.fetchAll(
                db,
                sql: """
                    SELECT counts.plays AS play_total, tracks.* FROM (
                        SELECT track_id, COUNT(*) AS plays, MAX(played_at) AS latest FROM plays
                        WHERE user_id = ? AND played_at >= ? GROUP BY track_id
                    ) AS counts JOIN tracks ON tracks.id = counts.track_id
                    ORDER BY counts.plays DESC, counts.latest DESC LIMIT ?
                    """,
                arguments: [userID, weekAgo, limit]
            ).map { row in (track: try Track(row: row), plays: row["play_total"] as Int) }
            let added = try Track.fetchAll(
                db,
                sql: """
                    SELECT * FROM tracks WHERE source_type IN (SELECT value FROM json_each(?))
                    ORDER BY added_at DESC, id LIMIT ?
                    """,
                arguments: [sources, limit])
            let cached = try Track.fetchAll(
                db, sql: "SELECT * FROM tracks WHERE cached_at IS NOT NULL ORDER BY cached_at DESC LIMIT ?", arguments: [limit])
            return Discovery(mostPlayedThisWeek: played, recentlyAdded: added, recentlyCached: cached)
        }
    }
}
