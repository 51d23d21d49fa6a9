import Foundation
import GRDB
import SourceAPI

/// What a song, album or artist leads to when an app starts a radio from it: its artist's
/// other songs, then songs of its genres. Library tracks that can be played only.
struct RadioSeed: Sendable {
    var artistID: String?
    var artistName: String?
    var genres: [String]
    /// The seed's own tracks, never suggested back (a song, or an album's tracks).
    var excludedTrackID: String?
    var excludedAlbumID: String?
}

extension Catalog {
    /// The seed for `id` (a track of any source, an album or an artist); nil when the id is unknown.
    func radioSeed(id: String) async throws -> RadioSeed? {
        try await pool.read { db in
            if let track = try Track.fetchOne(db, key: id) {
                return RadioSeed(
                    artistID: track.artistID, artistName: track.artist, genres: track.genre.map { [$0] } ?? [],
                    excludedTrackID: track.id)
            }
            if let album = try Album.fetchOne(db, key: id) {
                let genres = try String.fetchAll(
                    db, sql: "SELECT DISTINCT genre FROM tracks WHERE album_id = ? AND genre IS NOT NULL LIMIT 10",
                    arguments: [id])
                return RadioSeed(artistID: album.artistID, artistName: album.artist, genres: genres, excludedAlbumID: id)
            }
            if let artist = try Artist.fetchOne(db, key: id) {
                // The artist's most common genres stand for them.
                let genres = try String.fetchAll(
                    db,
                    sql: """
                        SELECT genre FROM tracks WHERE artist_id = ? AND genre IS NOT NULL
                        GROUP BY genre COLLATE NOCASE ORDER BY COUNT(*) DESC LIMIT 10
                        """,
                    arguments: [id])
                return RadioSeed(artistID: artist.id, artistName: artist.name, genres: genres)
            }
            return nil
        }
    }

    /// Up to `limit` tracks for a radio from `seed`: the same artist (by id, or by the
    /// track artist's name) in random order, then tracks of the same genres in random order.
    func radioTracks(_ seed: RadioSeed, librarySources: [ProviderID], limit: Int) async throws -> [Track] {
        let sources = try Self.jsonList(librarySources.map(\.rawValue))
        let eligible = """
            source_type IN (SELECT value FROM json_each(:sources)) AND unplayable_reason IS NULL
            AND id IS NOT :track AND (album_id IS NULL OR album_id IS NOT :album)
            """
        return try await pool.read { db in
            let sameArtist = try Track.fetchAll(
                db,
                sql: """
                    SELECT * FROM tracks WHERE rowid IN (
                        SELECT rowid FROM tracks WHERE (artist_id = :artistID OR artist = :artistName COLLATE NOCASE)
                        AND \(eligible) ORDER BY random() LIMIT :limit)
                    """,
                arguments: [
                    "sources": sources, "track": seed.excludedTrackID, "album": seed.excludedAlbumID,
                    "artistID": seed.artistID, "artistName": seed.artistName, "limit": limit,
                ]
            ).shuffled()
            guard sameArtist.count < limit, !seed.genres.isEmpty else { return sameArtist }
            let sameGenre = try Track.fetchAll(
                db,
                sql: """
                    SELECT * FROM tracks WHERE rowid IN (
                        SELECT rowid FROM tracks WHERE genre COLLATE NOCASE IN (SELECT value FROM json_each(:genres))
                        AND id NOT IN (SELECT value FROM json_each(:chosen))
                        AND \(eligible) ORDER BY random() LIMIT :limit)
                    """,
                arguments: [
                    "sources": sources, "track": seed.excludedTrackID, "album": seed.excludedAlbumID,
                    "genres": try Self.jsonList(seed.genres), "chosen": try Self.jsonList(sameArtist.map(\.id)),
                    "limit": limit - sameArtist.count,
                ]
            ).shuffled()
            return sameArtist + sameGenre
        }
    }

    /// The library's playable tracks by the artist called `name` (as album artist, or as the
    /// track's own artist), the household's most played first (every account's plays
    /// summed), then in the artist's album order (newest album first, each in disc and track
    /// order).
    func topTracks(artistName name: String, librarySources: [ProviderID], limit: Int) async throws -> [Track] {
        let sources = try Self.jsonList(librarySources.map(\.rawValue))
        // Album artist ids are made from the name (StableID), so the id is found without a lookup.
        let artistID = StableID.make("artist", name)
        return try await pool.read { db in
            try Track.fetchAll(
                db,
                sql: """
                    SELECT tracks.*,
                        (SELECT COALESCE(SUM(play_count), 0) FROM user_activity WHERE track_id = tracks.id) AS plays
                    FROM tracks LEFT JOIN albums ON albums.id = tracks.album_id
                    WHERE (tracks.artist_id = ? OR tracks.artist = ? COLLATE NOCASE)
                        AND tracks.source_type IN (SELECT value FROM json_each(?)) AND tracks.unplayable_reason IS NULL
                    ORDER BY plays DESC, albums.id IS NULL, albums.year IS NULL, albums.year DESC,
                        albums.name COLLATE NOCASE, albums.id, \(Self.inAlbumOrder), tracks.id
                    LIMIT ?
                    """,
                arguments: [artistID, name, sources, limit])
        }
    }
}
