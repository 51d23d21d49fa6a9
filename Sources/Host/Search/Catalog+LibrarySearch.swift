import Foundation
import GRDB
import SourceAPI

/// The library's artists, albums and tracks matching a text, and the whole library in pages
/// (what phone apps sync: Subsonic's search3 with an empty query).
extension Catalog {
    // MARK: Matching a text

    /// How many tracks of `source` match `text` (the matches `search` pages through),
    /// counted up to `bound`.
    func countMatches(_ text: String, source: ProviderID, upTo bound: Int) async throws -> Int {
        guard bound > 0, let pattern = PrefixPattern.allPrefixes(of: text) else { return 0 }
        return try await pool.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: """
                    SELECT count(*) FROM (
                        SELECT 1 FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                        WHERE tracks_fts MATCH ? AND tracks.source_type = ? LIMIT ?)
                    """),
                arguments: [pattern, source.rawValue, bound]) ?? 0
        }
    }

    /// How a search's artists or albums are ordered.
    enum MatchOrder {
        /// By name (then id): stable pages, as Subsonic's search pages through them.
        case name
        /// The best first: a name equal to the text, then one that starts with it, then one
        /// that holds it, then those matched through another field (an album by its
        /// artist's name); by name within each. What a person typing expects on top.
        case relevance

        /// The ORDER BY of `table`, whose `name` is compared with the statement's `?text`.
        func sql(_ table: String) -> String {
            switch self {
            case .name:
                return "\(table).name COLLATE NOCASE, \(table).id"
            case .relevance:
                return """
                    CASE WHEN \(table).name = :text COLLATE NOCASE THEN 0
                         WHEN instr(lower(\(table).name), lower(:text)) = 1 THEN 1
                         WHEN instr(lower(\(table).name), lower(:text)) > 0 THEN 2
                         ELSE 3 END,
                    \(table).name COLLATE NOCASE, \(table).id
                    """
            }
        }
    }

    /// Artists of the library whose name matches `text`: the album artist of their tracks,
    /// or the artist of tracks that name none (as artist ids are made), in `order`.
    func searchArtists(
        _ text: String, sources: [ProviderID], limit: Int, offset: Int, order: MatchOrder = .name
    ) async throws -> [Artist] {
        guard limit > 0, !sources.isEmpty, let any = PrefixPattern.allPrefixes(of: text) else { return [] }
        let list = try Self.jsonList(sources.map(\.rawValue))
        let arguments: StatementArguments = [
            "albumArtist": "album_artist : (\(any))", "artist": "artist : (\(any))", "sources": list,
            "limit": limit, "offset": offset, "text": text,
        ]
        return try await pool.read { db in
            try Artist.fetchAll(
                db.cachedStatement(sql: """
                    SELECT artists.* FROM artists WHERE artists.id IN (
                        SELECT tracks.artist_id FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                        WHERE tracks_fts MATCH :albumArtist AND tracks.source_type IN (SELECT value FROM json_each(:sources))
                        UNION
                        SELECT tracks.artist_id FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                        WHERE tracks_fts MATCH :artist AND tracks.album_artist IS NULL
                          AND tracks.source_type IN (SELECT value FROM json_each(:sources)))
                    ORDER BY \(order.sql("artists")) LIMIT :limit OFFSET :offset
                    """),
                arguments: arguments)
        }
    }

    /// Albums whose name, album artist or a track's artist match `text`, in `order`. Albums
    /// hold library tracks only, so no source filter is needed.
    func searchAlbums(_ text: String, limit: Int, offset: Int, order: MatchOrder = .name) async throws -> [Album] {
        guard limit > 0, let pattern = PrefixPattern.allPrefixes(of: text) else { return [] }
        let arguments: StatementArguments = [
            "pattern": "{album album_artist artist} : (\(pattern))", "limit": limit, "offset": offset, "text": text,
        ]
        return try await pool.read { db in
            try Album.fetchAll(
                db.cachedStatement(sql: """
                    SELECT albums.* FROM albums WHERE albums.id IN (
                        SELECT tracks.album_id FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                        WHERE tracks_fts MATCH :pattern)
                    ORDER BY \(order.sql("albums")) LIMIT :limit OFFSET :offset
                    """),
                arguments: arguments)
        }
    }

    // MARK: The whole library, in pages

    /// One page of the library sources' tracks, in a fixed order: by source, then by the
    /// file's path in the library (unique, so no track is on two pages). It walks the
    /// `(source_type, remote_id)` index, so a page costs one indexed query.
    func libraryTracks(sources: [ProviderID], limit: Int, offset: Int) async throws -> [Track] {
        guard limit > 0, !sources.isEmpty else { return [] }
        let list = try Self.jsonList(sources.map(\.rawValue))
        return try await pool.read { db in
            try Track.fetchAll(
                db.cachedStatement(sql: """
                    SELECT * FROM tracks WHERE source_type IN (SELECT value FROM json_each(?))
                    ORDER BY source_type, remote_id LIMIT ? OFFSET ?
                    """),
                arguments: [list, limit, offset])
        }
    }

    /// One page of the albums, by name (then id: unique).
    func albumsByName(limit: Int, offset: Int) async throws -> [Album] {
        guard limit > 0 else { return [] }
        return try await pool.read { db in
            try Album.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM albums ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?"),
                arguments: [limit, offset])
        }
    }

    /// One page of the artists, by name (then id: unique).
    func artistsByName(limit: Int, offset: Int) async throws -> [Artist] {
        guard limit > 0 else { return [] }
        return try await pool.read { db in
            try Artist.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM artists ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?"),
                arguments: [limit, offset])
        }
    }

    /// The library sources' tracks, counted on the `(source_type, remote_id)` index.
    func libraryTrackCount(sources: [ProviderID]) async throws -> Int {
        guard !sources.isEmpty else { return 0 }
        let list = try Self.jsonList(sources.map(\.rawValue))
        return try await pool.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM tracks WHERE source_type IN (SELECT value FROM json_each(?))"),
                arguments: [list]) ?? 0
        }
    }
}
