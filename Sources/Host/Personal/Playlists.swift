import Foundation

/// Playlists as users change them: the scoped catalog queries plus offline caching.
public final class Playlists: Sendable {
    let catalog: Catalog
    public let offline: OfflinePlaylists

    init(catalog: Catalog, offline: OfflinePlaylists) {
        self.catalog = catalog
        self.offline = offline
    }

    public func list(ownedBy userID: String) async throws -> [PlaylistSummary] {
        try await catalog.playlists(ownedBy: userID)
    }

    public func listPublic() async throws -> [PlaylistSummary] {
        try await catalog.publicPlaylists()
    }

    public func create(ownerID: String, name: String, isPublic: Bool) async throws -> PlaylistContents {
        let playlist = try await catalog.createPlaylist(ownerID: ownerID, name: name, isPublic: isPublic)
        return try await get(id: playlist.id, userID: ownerID)
    }

    /// The playlist with `limit` of its tracks from position `offset` (the first page by
    /// default: a long playlist is read in pages, never in one answer).
    public func get(id: String, userID: String, limit: Int = PlaylistLimits.defaultPage, offset: Int = 0) async throws -> PlaylistContents {
        try await catalog.playlist(id: id, readableBy: userID, limit: limit, offset: offset)
    }

    public func offlineStatus(_ summary: PlaylistSummary) -> OfflineStatus {
        offline.status(of: summary)
    }

    public func update(id: String, userID: String, name: String?, isPublic: Bool?, isOffline: Bool?) async throws -> PlaylistContents {
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
    public func add(trackIDs: [String], at position: Int?, to id: String, userID: String) async throws -> PlaylistContents {
        guard !trackIDs.isEmpty else { throw HostError.invalidInput("track_ids is empty: name at least one track") }
        guard trackIDs.count <= PlaylistLimits.tracksPerRequest else {
            throw HostError.invalidInput(
                "track_ids has \(trackIDs.count) ids; add at most \(PlaylistLimits.tracksPerRequest) in one request")
        }
        try await catalog.editTracks(playlistID: id, ownerID: userID) { ids in
            let index = position ?? ids.count
            guard (0...ids.count).contains(index) else {
                throw HostError.invalidInput("position must be from 0 to \(ids.count), got \(index)")
            }
            ids.insert(contentsOf: trackIDs, at: index)
        }
        return try await changed(id: id, userID: userID)
    }

    public func remove(position: Int, from id: String, userID: String) async throws -> PlaylistContents {
        try await catalog.editTracks(playlistID: id, ownerID: userID) { ids in
            guard ids.indices.contains(position) else {
                throw HostError.notFound(kind: "position", id: "\(position) in playlist \(id) (it has \(ids.count) tracks)")
            }
            ids.remove(at: position)
        }
        return try await changed(id: id, userID: userID)
    }

    public func move(from: Int, to: Int, in id: String, userID: String) async throws -> PlaylistContents {
        try await catalog.editTracks(playlistID: id, ownerID: userID) { ids in
            guard ids.indices.contains(from), ids.indices.contains(to) else {
                throw HostError.invalidInput("from and to must be positions from 0 to \(ids.count - 1), got \(from) and \(to)")
            }
            ids.insert(ids.remove(at: from), at: to)
        }
        return try await changed(id: id, userID: userID)
    }

    /// The playlist after an edit; an offline one starts caching what was added. (Starting
    /// a job changes no count: the caching state is read from the jobs when answering.)
    private func changed(id: String, userID: String) async throws -> PlaylistContents {
        let contents = try await get(id: id, userID: userID)
        if contents.summary.playlist.isOffline { await offline.sync(playlistID: id) }
        return contents
    }
}
