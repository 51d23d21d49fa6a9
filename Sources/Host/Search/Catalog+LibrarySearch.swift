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

    /// Artists of the library whose name matches `text`: the album artist of their tracks,
    /// or the artist of tracks that name none (as artist ids are made), by name.
    func searchArtists(_ text: String, sources: [ProviderID], limit: Int, offset: Int) async throws -> [Artist] {
        guard limit > 0, !sources.isEmpty, let any = PrefixPattern.allPrefixes(of: text) else { return [] }
        let list = try Self.jsonList(sources.map(\.rawValue))
        return try await pool.read { db in
            try Artist.fetchAll(
                db.cachedStatement(sql: """
                    SELECT artists.* FROM artists WHERE artists.id IN (
                        SELECT tracks.artist_id FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                        WHERE tracks_fts MATCH ?1 AND tracks.source_type IN (SELECT value FROM json_each(?3))
                        UNION
                        SELECT tracks.artist_id FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                        WHERE tracks_fts MATCH ?2 AND tracks.album_artist IS NULL
                          AND tracks.source_type IN (SELECT value FROM json_each(?3)))
                    ORDER BY artists.name COLLATE NOCASE, artists.id LIMIT ?4 OFFSET ?5
                    """),
                arguments: ["album_artist : (\(any))", "artist : (\(any))", list, limit, offset])
        }
    }

    /// Albums whose name, album artist or a track's artist match `text`, by name. Albums
    /// hold library tracks only, so no source filter is needed.
    func searchAlbums(_ text: String, limit: Int, offset: Int) async throws -> [Album] {
        guard limit > 0, let pattern = PrefixPattern.allPrefixes(of: text) else { return [] }
        return try await pool.read { db in
            try Album.fetchAll(
                db.cachedStatement(sql: """
                    SELECT albums.* FROM albums WHERE albums.id IN (
                        SELECT tracks.album_id FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                        WHERE tracks_fts MATCH ?)
                    ORDER BY albums.name COLLATE NOCASE, albums.id LIMIT ? OFFSET ?
                    """),
                arguments: ["{album album_artist artist} : (\(pattern))", limit, offset])
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
