import Foundation

/// What phone apps do with playlists besides `/api`'s calls: list every playlist a person
/// may read at once, read a whole playlist, make one with its tracks, and apply several
/// changes in one step. The rules are `/api`'s: a private playlist is its owner's alone, a
/// public one is readable by everyone and changeable by its owner only.
extension Playlists {
    /// The viewer's own playlists and everyone's public ones, by name.
    public func readable(by viewer: User) async throws -> [PlaylistSummaryView] {
        try await catalog.playlists(readableBy: viewer.id).map { PlaylistSummaryView($0, viewerID: viewer.id) }
    }

    /// The playlists of `owner` that `viewer` may list: all of them when they are the
    /// viewer's own, else only the public ones, even for an admin (a private playlist is
    /// nobody else's business). Only an admin may ask for someone else's.
    public func readable(ownedBy owner: User, by viewer: User) async throws -> [PlaylistSummaryView] {
        if owner.id == viewer.id { return try await list(ownedBy: viewer.id) }
        guard viewer.isAdmin else {
            throw AccountError.forbidden(code: "not_admin", message: "only an admin can list another person's playlists")
        }
        return try await catalog.publicPlaylists(ownedBy: owner.id).map { PlaylistSummaryView($0, viewerID: viewer.id) }
    }

    /// A playlist with all its tracks (at most `PlaylistLimits.tracksPerPlaylist`).
    public func whole(id: String, userID: String) async throws -> PlaylistView {
        try await get(id: id, userID: userID, limit: PlaylistLimits.tracksPerPlaylist, offset: 0)
    }

    /// A new playlist holding `trackIDs` in order, made in one step (nothing is made when a
    /// track is unknown); answered whole.
    public func create(ownerID: String, name: String, isPublic: Bool = false, trackIDs: [String]) async throws -> PlaylistView {
        try Self.checkRequestSize(trackIDs)
        let playlist = try await catalog.createPlaylist(ownerID: ownerID, name: name, isPublic: isPublic, trackIDs: trackIDs)
        return try await whole(id: playlist.id, userID: ownerID)
    }

    /// Applies several changes to an owned playlist together, or none of them. An offline
    /// playlist starts caching what was added.
    public func edit(id: String, userID: String, _ edit: PlaylistEdit) async throws {
        try Self.checkRequestSize(edit.adding + (edit.replacingWith ?? []))
        if edit.replacingWith != nil, !edit.removingPositions.isEmpty {
            throw HostError.invalidInput("either replace a playlist's tracks or remove some of them, not both at once")
        }
        let playlist = try await catalog.editPlaylist(id: id, ownerID: userID, edit)
        if playlist.isOffline { await offline.sync(playlistID: id) }
    }

    /// Replaces an owned playlist's tracks (and its name, when given) and answers it whole.
    public func replaceTracks(id: String, userID: String, name: String?, with trackIDs: [String]) async throws -> PlaylistView {
        try await edit(id: id, userID: userID, PlaylistEdit(name: name, replacingWith: trackIDs))
        return try await whole(id: id, userID: userID)
    }

    /// One request names at most `PlaylistLimits.tracksPerRequest` tracks.
    static func checkRequestSize(_ trackIDs: [String]) throws {
        guard trackIDs.count <= PlaylistLimits.tracksPerRequest else {
            throw HostError.invalidInput(
                "\(trackIDs.count) tracks in one request; name at most \(PlaylistLimits.tracksPerRequest) at a time")
        }
    }
}
