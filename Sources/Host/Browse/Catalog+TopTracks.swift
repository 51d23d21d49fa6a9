import Foundation
import GRDB

extension Catalog {
    /// The artist's tracks most played in this household: every account's plays added up
    /// (an artist page is shared; whose plays they were is not told), most first, tracks
    /// never played left out.
    func topTracks(artistID: String, limit: Int) async throws -> [Track] {
        try await pool.read { db in
            try Track.fetchAll(
                db,
                sql: """
                    SELECT tracks.* FROM tracks JOIN user_activity ON user_activity.track_id = tracks.id
                    WHERE tracks.artist_id = ? AND tracks.unplayable_reason IS NULL
                    GROUP BY tracks.id HAVING SUM(user_activity.play_count) > 0
                    ORDER BY SUM(user_activity.play_count) DESC, tracks.title COLLATE NOCASE, tracks.id
                    LIMIT ?
                    """,
                arguments: [artistID, limit])
        }
    }
}
