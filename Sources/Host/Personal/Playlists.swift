import Foundation

/// Playlists as people use them: the scoped catalog queries, offline caching, and the
/// answers in the viewer's terms (their own or someone else's public list, their marks on
/// each track, the caching state).
public final class Playlists: Sendable {
    let catalog: Catalog
    let viewing: Viewing
    public let offline: OfflinePlaylists

    init(catalog: Catalog, offline: OfflinePlaylists) {
        self.catalog = catalog
        viewing = Viewing(catalog: catalog)
        self.offline = offline
    }

    public func list(ownedBy userID: String) async throws -> [PlaylistSummaryView] {
        try await catalog.playlists(ownedBy: userID).map { PlaylistSummaryView($0, viewerID: userID) }
    }

    /// Every public playlist, whoever owns it.
    public func listPublic(for userID: String) async throws -> [PlaylistSummaryView] {
        try await catalog.publicPlaylists().map { PlaylistSummaryView($0, viewerID: userID) }
    }

    public func create(ownerID: String, name: String, isPublic: Bool) async throws -> PlaylistView {
        let playlist = try await catalog.createPlaylist(ownerID: ownerID, name: name, isPublic: isPublic)
        return try await get(id: playlist.id, userID: ownerID)
    }

    /// The playlist with `limit` of its tracks from position `offset` (the first page by
    /// default: a long playlist is read in pages, never in one answer).
    public func get(id: String, userID: String, limit: Int = PlaylistLimits.defaultPage, offset: Int = 0) async throws -> PlaylistView {
        let contents = try await catalog.playlist(id: id, readableBy: userID, limit: limit, offset: offset)
        return PlaylistView(
            summary: PlaylistSummaryView(contents.summary, viewerID: userID),
            tracks: try await viewing.tracks(contents.tracks, for: userID), offset: contents.offset, limit: contents.limit,
            offline: offline.status(of: contents.summary))
    }

    public func update(id: String, userID: String, name: String?, isPublic: Bool?, isOffline: Bool?) async throws -> PlaylistView {
        let playlist = try await catalog.updatePlaylist(id: id, ownerID: userID, name: name, isPublic: isPublic, isOffline: isOffline)
        if isOffline == false { offline.stop(playlistID: id) }
        if playlist.isOffline { await offline.sync(playlistID: id) }
        return try await get(id: id, userID: userID)
    }

    public func delete(id: String, userID: String) async throws {
        try await catalog.deletePlaylist(id: id, ownerID: userID)
        offline.stop(playlistID: id)
    }

    /// Inserts tracks at `position` (default: the end).
    public func add(trackIDs: [String], at position: Int?, to id: String, userID: String) async throws -> PlaylistView {
        guard !trackIDs.isEmpty else { throw HostError.invalidInput("track_ids is empty: name at least one track") }
        guard trackIDs.count <= PlaylistLimits.tracksPerRequest else {
            throw HostError.invalidInput(
                "track_ids has \(trackIDs.count) ids; add at most \(PlaylistLimits.tracksPerRequest) in one request")
        }
        let edited = try await catalog.editTracks(playlistID: id, ownerID: userID) { ids in
            let index = position ?? ids.count
            guard (0...ids.count).contains(index) else {
                throw HostError.invalidInput("position must be from 0 to \(ids.count), got \(index)")
            }
            ids.insert(contentsOf: trackIDs, at: index)
        }
        return try await changed(edited, userID: userID)
    }

    public func remove(position: Int, from id: String, userID: String) async throws -> PlaylistView {
        let edited = try await catalog.editTracks(playlistID: id, ownerID: userID) { ids in
            guard ids.indices.contains(position) else {
                throw HostError.notFound(kind: "position", id: "\(position) in playlist \(id) (it has \(ids.count) tracks)")
            }
            ids.remove(at: position)
        }
        return try await changed(edited, userID: userID)
    }

    public func move(from: Int, to: Int, in id: String, userID: String) async throws -> PlaylistView {
        let edited = try await catalog.editTracks(playlistID: id, ownerID: userID) { ids in
            guard ids.indices.contains(from), ids.indices.contains(to) else {
                throw HostError.invalidInput("from and to must be positions from 0 to \(ids.count - 1), got \(from) and \(to)")
            }
            ids.insert(ids.remove(at: from), at: to)
        }
        return try await changed(edited, userID: userID)
    }

    /// The playlist after an edit; an offline one first starts caching what was added, so
    /// the answer's caching state includes it.
    private func changed(_ playlist: Playlist, userID: String) async throws -> PlaylistView {
        if playlist.isOffline { await offline.sync(playlistID: playlist.id) }
        return try await get(id: playlist.id, userID: userID)
    }
}
