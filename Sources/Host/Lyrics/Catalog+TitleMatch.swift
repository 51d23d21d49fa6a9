import Foundation
import GRDB

/// Tracks named by their title and artist, as older apps ask for lyrics.
extension Catalog {
    /// At most `limit` tracks titled `title` whose artist or album artist is `artist` (any
    /// when nil), ASCII case ignored; library files and cached downloads first, then the
    /// oldest. A scan of `tracks` (titles have no index): getLyrics is rare, and the scan of
    /// a 40,000-track catalog takes milliseconds.
    func tracks(titled title: String, by artist: String?, limit: Int) async throws -> [Track] {
        try await pool.read { db in
            try Track.fetchAll(
                db,
                sql: """
                    SELECT * FROM tracks
                    WHERE title = ?1 COLLATE NOCASE
                      AND (?2 IS NULL OR artist = ?2 COLLATE NOCASE OR album_artist = ?2 COLLATE NOCASE)
                    ORDER BY is_cached DESC, added_at, id LIMIT ?3
                    """,
                arguments: [title, artist, limit])
        }
    }
}
