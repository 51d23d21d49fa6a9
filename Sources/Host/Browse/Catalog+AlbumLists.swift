import Foundation
import GRDB

/// The albums of one `AlbumList`, a page at a time. The lists of a person's marks and
/// plays read that person's rows only (`user_marks`, `user_activity`), keyed by user id.
extension Catalog {
    func albums(_ list: AlbumList, userID: String, articles: IgnoredArticles, limit: Int, offset: Int) async throws -> [Album] {
        let byName = "albums.name COLLATE NOCASE, albums.id"
        let query: (sql: String, arguments: StatementArguments)
        switch list {
        case .random:
            query = ("SELECT * FROM albums ORDER BY random() LIMIT ?", [limit])
        case .newest:
            query = ("SELECT * FROM albums ORDER BY albums.added_at DESC, \(byName) LIMIT ? OFFSET ?", [limit, offset])
        case .alphabeticalByName:
            query = ("SELECT * FROM albums ORDER BY \(byName) LIMIT ? OFFSET ?", [limit, offset])
        case .alphabeticalByArtist:
            let artist = articles.sqlSortName("albums.artist")
            query = (
                "SELECT * FROM albums ORDER BY albums.artist IS NULL, \(artist) COLLATE NOCASE, \(byName) LIMIT ? OFFSET ?",
                [limit, offset])
        case .byYear(let from, let to):
            let order = from <= to ? "albums.year" : "albums.year DESC"
            query = (
                "SELECT * FROM albums WHERE albums.year BETWEEN ? AND ? ORDER BY \(order), \(byName) LIMIT ? OFFSET ?",
                [min(from, to), max(from, to), limit, offset])
        case .byGenre(let genre):
            query = (
                """
                SELECT * FROM albums WHERE albums.id IN (
                    SELECT album_id FROM tracks WHERE genre = ? COLLATE NOCASE AND album_id IS NOT NULL)
                ORDER BY \(byName) LIMIT ? OFFSET ?
                """,
                [genre, limit, offset])
        case .starred:
            query = (
                """
                SELECT albums.* FROM user_marks JOIN albums ON albums.id = user_marks.item_id
                WHERE user_marks.user_id = ? AND user_marks.kind = 'album' AND user_marks.starred_at IS NOT NULL
                ORDER BY user_marks.starred_at DESC, \(byName) LIMIT ? OFFSET ?
                """,
                [userID, limit, offset])
        case .highest:
            query = (
                """
                SELECT albums.* FROM user_marks JOIN albums ON albums.id = user_marks.item_id
                WHERE user_marks.user_id = ? AND user_marks.kind = 'album' AND user_marks.rating IS NOT NULL
                ORDER BY user_marks.rating DESC, \(byName) LIMIT ? OFFSET ?
                """,
                [userID, limit, offset])
        case .frequent, .recent:
            let order = list == .frequent ? "played.plays DESC, played.latest DESC" : "played.latest DESC, played.plays DESC"
            // Summed per album id first, then joined to albums: grouping whole album rows
            // costs a third more for someone with thousands of played tracks.
            query = (
                """
                SELECT albums.*, played.plays, played.latest FROM (
                    SELECT tracks.album_id AS album_id, SUM(user_activity.play_count) AS plays,
                        MAX(user_activity.last_played) AS latest
                    FROM user_activity JOIN tracks ON tracks.id = user_activity.track_id
                    WHERE user_activity.user_id = ? AND user_activity.play_count > 0 AND tracks.album_id IS NOT NULL
                    GROUP BY tracks.album_id
                ) AS played JOIN albums ON albums.id = played.album_id
                ORDER BY \(order), \(byName) LIMIT ? OFFSET ?
                """,
                [userID, limit, offset])
        }
        return try await pool.read { db in
            try Album.fetchAll(db, sql: query.sql, arguments: query.arguments)
        }
    }
}
