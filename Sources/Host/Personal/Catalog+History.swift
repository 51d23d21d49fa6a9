import Foundation
import GRDB

/// One play of a track by a user.
struct Play: Sendable {
    var track: Track
    var playedAt: Date
}

/// Listening history: every play with its time (`plays`), and the per-track totals of
/// `user_activity` (play_count, last_played).
extension Catalog {
    func recordPlay(trackID: String, userID: String, at time: Date = Date()) async throws {
        try await pool.write { db in
            guard try Track.exists(db, key: trackID) else { throw HostError.notFound(kind: "track", id: trackID) }
            try Self.recordPlay(db, trackID: trackID, userID: userID, at: time)
        }
    }

    /// One play of a known track: a row of history, and the track's count and last time.
    /// A play reported late (an app's offline plays) does not move `last_played` back.
    static func recordPlay(_ db: Database, trackID: String, userID: String, at time: Date) throws {
        try db.execute(
            sql: "INSERT INTO plays (user_id, track_id, played_at) VALUES (?, ?, ?)", arguments: [userID, trackID, time])
        try db.execute(
            sql: """
                INSERT INTO user_activity (user_id, track_id, play_count, last_played) VALUES (?1, ?2, 1, ?3)
                ON CONFLICT (user_id, track_id) DO UPDATE SET play_count = play_count + 1,
                    last_played = CASE WHEN last_played IS NULL OR last_played < ?3 THEN ?3 ELSE last_played END
                """,
            arguments: [userID, trackID, time])
    }

    /// The user's plays, newest first, optionally within [from, to).
    func history(userID: String, from: Date?, to: Date?, limit: Int, offset: Int) async throws -> Page<Play> {
        let lower = from ?? .distantPast
        let upper = to ?? .distantFuture
        return try await pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT plays.played_at AS played_at, tracks.* FROM plays JOIN tracks ON tracks.id = plays.track_id
                    WHERE plays.user_id = ? AND plays.played_at >= ? AND plays.played_at < ?
                    ORDER BY plays.played_at DESC, plays.id DESC LIMIT ? OFFSET ?
                    """,
                arguments: [userID, lower, upper, limit, offset])
            let items = try rows.map { row in Play(track: try Track(row: row), playedAt: row["played_at"]) }
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM plays WHERE user_id = ? AND played_at >= ? AND played_at < ?",
                arguments: [userID, lower, upper]) ?? 0
            return Page(items: items, total: total, limit: limit, offset: offset)
        }
    }
}
