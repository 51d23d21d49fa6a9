import Foundation
import GRDB
import SourceAPI

/// Genres of the library's tracks, and tracks chosen by genre and year. Only the library
/// sources count: the shared cache's remote tracks are what someone in the household
/// played, not the household's collection.
extension Catalog {
    /// Every genre of the library (names that differ only in case are one genre), by name.
    func genres(librarySources: [ProviderID], limit: Int) async throws -> [Genre] {
        let sources = try Self.jsonList(librarySources.map(\.rawValue))
        return try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT MIN(genre) AS name, COUNT(*) AS songs, COUNT(DISTINCT album_id) AS albums FROM tracks
                    WHERE genre IS NOT NULL AND trim(genre) != '' AND source_type IN (SELECT value FROM json_each(?))
                    GROUP BY genre COLLATE NOCASE ORDER BY genre COLLATE NOCASE LIMIT ?
                    """,
                arguments: [sources, limit]
            ).map { row in Genre(name: row["name"], songCount: row["songs"], albumCount: row["albums"]) }
        }
    }

    /// The library's tracks of `genre` (any case), album artist by album artist, each album in
    /// disc and track order: a stable order, so pages neither repeat nor skip.
    func tracks(genre: String, librarySources: [ProviderID], limit: Int, offset: Int) async throws -> [Track] {
        let sources = try Self.jsonList(librarySources.map(\.rawValue))
        return try await pool.read { db in
            try Track.fetchAll(
                db,
                sql: """
                    SELECT * FROM tracks
                    WHERE genre = ? COLLATE NOCASE AND source_type IN (SELECT value FROM json_each(?))
                    ORDER BY COALESCE(album_artist, artist) IS NULL, COALESCE(album_artist, artist) COLLATE NOCASE,
                        album IS NULL, album COLLATE NOCASE, album_id, \(Self.inAlbumOrder), id
                    LIMIT ? OFFSET ?
                    """,
                arguments: [genre, sources, limit, offset])
        }
    }

    /// Up to `limit` playable library tracks matching `filter`, in random order.
    func randomTracks(_ filter: SongFilter, librarySources: [ProviderID], limit: Int) async throws -> [Track] {
        let sources = try Self.jsonList(librarySources.map(\.rawValue))
        var conditions = ["source_type IN (SELECT value FROM json_each(?))", "unplayable_reason IS NULL"]
        var arguments: StatementArguments = [sources]
        if let genre = filter.genre {
            conditions.append("genre = ? COLLATE NOCASE")
            arguments += [genre]
        }
        if let from = filter.fromYear {
            conditions.append("year >= ?")
            arguments += [from]
        }
        if let to = filter.toYear {
            conditions.append("year <= ?")
            arguments += [to]
        }
        arguments += [limit]
        let bound = arguments
        let sql = """
            SELECT * FROM tracks WHERE rowid IN (
                SELECT rowid FROM tracks WHERE \(conditions.joined(separator: " AND ")) ORDER BY random() LIMIT ?)
            """
        // The choice is made on row ids alone (no whole rows sorted); the rows come back in
        // id order, so they are shuffled again.
        return try await pool.read { db in try Track.fetchAll(db, sql: sql, arguments: bound) }.shuffled()
    }
}
