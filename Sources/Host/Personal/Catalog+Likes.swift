import Foundation
import GRDB

/// Likes, one user's at a time (kept in `user_activity`).
extension Catalog {
    func setLiked(_ liked: Bool, trackID: String, userID: String) async throws {
        try await pool.write { db in
            guard try Track.exists(db, key: trackID) else { throw HostError.notFound(kind: "track", id: trackID) }
            try Self.setLiked(db, liked, trackID: trackID, userID: userID, at: Date())
        }
    }

    /// Likes or unlikes a known track; liking a liked one keeps its first time.
    static func setLiked(_ db: Database, _ liked: Bool, trackID: String, userID: String, at time: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO user_activity (user_id, track_id, is_liked, liked_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (user_id, track_id) DO UPDATE SET
                    liked_at = CASE WHEN excluded.is_liked AND NOT is_liked THEN excluded.liked_at
                                    WHEN excluded.is_liked THEN liked_at ELSE NULL END,
                    is_liked = excluded.is_liked
                """,
            arguments: [userID, trackID, liked, liked ? time : nil])
    }

    /// The user's liked tracks, last liked first.
    func likedTracks(userID: String, limit: Int, offset: Int) async throws -> Page<Track> {
        try await pool.read { db in
            let items = try Track.fetchAll(
                db,
                sql: """
                    SELECT tracks.* FROM user_activity JOIN tracks ON tracks.id = user_activity.track_id
                    WHERE user_activity.user_id = ? AND user_activity.is_liked
                    ORDER BY user_activity.liked_at DESC, tracks.id LIMIT ? OFFSET ?
                    """,
                arguments: [userID, limit, offset])
            let total = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM user_activity WHERE user_id = ? AND is_liked", arguments: [userID]) ?? 0
            return Page(items: items, total: total, limit: limit, offset: offset)
        }
    }
}
