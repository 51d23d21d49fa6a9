import Foundation
import GRDB

/// Playlist queries, each scoped to a user: another user's private playlist is "not
/// found", never "forbidden", so its existence is not revealed.
extension Catalog {
    static let summarySQL = """
        SELECT playlists.*, COUNT(tracks.id) AS track_count, COALESCE(SUM(tracks.duration), 0) AS total_duration,
               COALESCE(SUM(tracks.is_cached), 0) AS cached_count,
               (SELECT users.username FROM users WHERE users.id = playlists.owner_id) AS owner_email,
               (SELECT subsonic_credentials.username FROM subsonic_credentials
                WHERE subsonic_credentials.user_id = playlists.owner_id) AS owner_app_name
        FROM playlists
        LEFT JOIN playlist_tracks ON playlist_tracks.playlist_id = playlists.id
        LEFT JOIN tracks ON tracks.id = playlist_tracks.track_id
        """

    func playlists(ownedBy userID: String) async throws -> [PlaylistSummary] {
        try await pool.read { db in
            try Self.summaries(db, where: "playlists.owner_id = ?", arguments: [userID])
        }
    }

    /// Every public playlist, whoever owns it.
    func publicPlaylists() async throws -> [PlaylistSummary] {
        try await pool.read { db in try Self.summaries(db, where: "playlists.is_public", arguments: []) }
    }

    /// A playlist the user may read (their own, or a public one), with the window of its
    /// tracks from position `offset`.
    func playlist(id: String, readableBy userID: String, limit: Int, offset: Int) async throws -> PlaylistContents {
        try await pool.read { db in
            guard let summary = try Self.summaries(
                db, where: "playlists.id = ? AND (playlists.owner_id = ? OR playlists.is_public)", arguments: [id, userID]
            ).first else { throw HostError.notFound(kind: "playlist", id: id) }
            return PlaylistContents(
                summary: summary, tracks: try Self.trackList(db, playlistID: id, limit: limit, offset: offset), offset: offset,
                limit: limit)
        }
    }

    /// A new playlist, holding `trackIDs` in that order: made whole or not at all.
    func createPlaylist(
        ownerID: String, name: String, isPublic: Bool, comment: String? = nil, trackIDs: [String] = []
    ) async throws -> Playlist {
        let now = Date()
        let playlist = Playlist(
            id: UUID().uuidString.lowercased(), name: try Playlist.validName(name), isOffline: false, ownerID: ownerID,
            isPublic: isPublic, createdAt: now, updatedAt: now, comment: try comment.flatMap(Playlist.validComment))
        try await pool.write { db in
            // Counted inside the write, so two creations at once cannot both pass the limit.
            let owned = try Playlist.filter(Playlist.CodingKeys.ownerID == ownerID).fetchCount(db)
            guard owned < PlaylistLimits.playlistsPerUser else {
                throw HostError.conflict(
                    "you have \(owned) playlists, the most one person can have; delete one to make room")
            }
            try playlist.insert(db)
            if !trackIDs.isEmpty { try Self.writeTracks(db, trackIDs, playlistID: playlist.id) }
        }
        return playlist
    }

    /// Changes what is set; only the owner may.
    func updatePlaylist(id: String, ownerID: String, name: String?, isPublic: Bool?, isOffline: Bool?) async throws -> Playlist {
        let name = try name.map(Playlist.validName)
        return try await pool.write { db in
            var playlist = try Self.owned(db, id: id, ownerID: ownerID)
            if let name { playlist.name = name }
            if let isPublic { playlist.isPublic = isPublic }
            if let isOffline { playlist.isOffline = isOffline }
            playlist.updatedAt = Date()
            try playlist.update(db)
            return playlist
        }
    }

    func deletePlaylist(id: String, ownerID: String) async throws {
        try await pool.write { db in _ = try Self.owned(db, id: id, ownerID: ownerID).delete(db) }
    }

    /// Rewrites the order of an owned playlist's tracks through `change`, which gets the
    /// current track ids in order. Playlists are small (thousands at most), so writing
    /// them whole keeps positions dense and every edit one simple transaction.
    /// Returns the playlist as it is after the edit.
    @discardableResult
    func editTracks(playlistID: String, ownerID: String, _ change: @Sendable (inout [String]) throws -> Void) async throws -> Playlist {
        try await pool.write { db in
            var playlist = try Self.owned(db, id: playlistID, ownerID: ownerID)
            var ids = try Self.trackIDs(db, playlistID: playlistID)
            try change(&ids)
            try Self.writeTracks(db, ids, playlistID: playlistID)
            playlist.updatedAt = Date()
            try playlist.update(db)
            return playlist
        }
    }

    /// The track ids of a playlist in order.
    static func trackIDs(_ db: Database, playlistID: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT track_id FROM playlist_tracks WHERE playlist_id = ? ORDER BY position", arguments: [playlistID])
    }

    /// Replaces a playlist's tracks with `ids`, in that order, after checking the size limit
    /// and that every track exists (nothing is written otherwise).
    static func writeTracks(_ db: Database, _ ids: [String], playlistID: String) throws {
        guard ids.count <= PlaylistLimits.tracksPerPlaylist else {
            throw HostError.conflict(
                "a playlist holds at most \(PlaylistLimits.tracksPerPlaylist) tracks, and this change would make it \(ids.count)")
        }
        let known = try Set(String.fetchAll(
            db, sql: "SELECT id FROM tracks WHERE id IN (SELECT value FROM json_each(?))",
            arguments: [try Self.jsonList(Array(Set(ids)))]))
        if let unknown = ids.first(where: { !known.contains($0) }) {
            throw HostError.notFound(kind: "track", id: unknown)
        }
        try db.execute(sql: "DELETE FROM playlist_tracks WHERE playlist_id = ?", arguments: [playlistID])
        let insert = try db.cachedStatement(sql: "INSERT INTO playlist_tracks (playlist_id, track_id, position) VALUES (?, ?, ?)")
        for (position, id) in ids.enumerated() {
            try insert.execute(arguments: [playlistID, id, position])
        }
    }

    /// Ids of the offline playlists, for resuming their caching at start-up.
    func offlinePlaylistIDs() async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: "SELECT id FROM playlists WHERE is_offline") }
    }

    /// The tracks of a playlist that are not on this disk yet (no user scope: the caller
    /// already checked ownership, or is the server resuming its own work).
    func uncachedTrackIDs(playlistID: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT tracks.id FROM playlist_tracks JOIN tracks ON tracks.id = playlist_tracks.track_id
                    WHERE playlist_tracks.playlist_id = ? AND NOT tracks.is_cached
                    """,
                arguments: [playlistID])
        }
    }

    /// A playlist the user owns. Anyone else's, public or not, is "no playlist of yours":
    /// the same answer as for an id that does not exist, so a private one stays unseen, and
    /// a public one that can be read says why it cannot be changed.
    static func owned(_ db: Database, id: String, ownerID: String) throws -> Playlist {
        guard let playlist = try Playlist.filter(Playlist.CodingKeys.id == id && Playlist.CodingKeys.ownerID == ownerID).fetchOne(db)
        else { throw HostError.notFound(kind: "playlist of yours", id: id) }
        return playlist
    }

    static func summaries(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [PlaylistSummary] {
        try Row.fetchAll(
            db, sql: summarySQL + " WHERE \(condition) GROUP BY playlists.id ORDER BY playlists.name COLLATE NOCASE, playlists.id",
            arguments: arguments
        ).map { row in
            PlaylistSummary(
                playlist: try Playlist(row: row), ownerName: row["owner_app_name"] ?? AppUserName.base(forEmail: row["owner_email"] ?? ""),
                trackCount: row["track_count"], duration: row["total_duration"], cachedCount: row["cached_count"])
        }
    }

    static func trackList(_ db: Database, playlistID: String, limit: Int, offset: Int) throws -> [Track] {
        try Track.fetchAll(
            db,
            sql: """
                SELECT tracks.* FROM playlist_tracks JOIN tracks ON tracks.id = playlist_tracks.track_id
                WHERE playlist_tracks.playlist_id = ? ORDER BY playlist_tracks.position LIMIT ? OFFSET ?
                """,
            arguments: [playlistID, limit, offset])
    }
}
