import Foundation
import GRDB

/// Playlist queries the apps' API needs besides those of `/api`: every playlist a person may
/// read in one list, and edits made of several changes that apply together or not at all.
extension Catalog {
    /// The user's own playlists and everyone's public ones, by name.
    func playlists(readableBy userID: String) async throws -> [PlaylistSummary] {
        try await pool.read { db in
            try Self.summaries(db, where: "playlists.owner_id = ? OR playlists.is_public", arguments: [userID])
        }
    }

    /// The public playlists of one owner.
    func publicPlaylists(ownedBy ownerID: String) async throws -> [PlaylistSummary] {
        try await pool.read { db in
            try Self.summaries(db, where: "playlists.owner_id = ? AND playlists.is_public", arguments: [ownerID])
        }
    }

    /// Applies `edit` to an owned playlist in one transaction: positions to remove are those
    /// before the edit, then the added tracks go at the end. A bad position or an unknown
    /// track changes nothing.
    func editPlaylist(id: String, ownerID: String, _ edit: PlaylistEdit) async throws -> Playlist {
        let name = try edit.name.map(Playlist.validName)
        let comment = try edit.comment.map(Playlist.validComment)
        return try await pool.write { db in
            var playlist = try Self.owned(db, id: id, ownerID: ownerID)
            if let replacement = edit.replacingWith {
                try Self.writeTracks(db, replacement + edit.adding, playlistID: id)
            } else if !edit.removingPositions.isEmpty || !edit.adding.isEmpty {
                let before = try Self.trackIDs(db, playlistID: id)
                if let bad = edit.removingPositions.first(where: { !before.indices.contains($0) }) {
                    throw HostError.notFound(kind: "position", id: "\(bad) in playlist \(id) (it has \(before.count) tracks)")
                }
                let removed = Set(edit.removingPositions)
                let after = before.enumerated().filter { !removed.contains($0.offset) }.map(\.element) + edit.adding
                try Self.writeTracks(db, after, playlistID: id)
            }
            if let name { playlist.name = name }
            if let comment { playlist.comment = comment }
            if let isPublic = edit.isPublic { playlist.isPublic = isPublic }
            playlist.updatedAt = Date()
            try playlist.update(db)
            return playlist
        }
    }
}

/// Changes to one playlist made together (Subsonic's updatePlaylist). Absent fields stay.
public struct PlaylistEdit: Sendable, Equatable {
    public var name: String?
    /// The new comment; empty clears it.
    public var comment: String?
    public var isPublic: Bool?
    /// Tracks to append, in order.
    public var adding: [String]
    /// Positions to remove, counted in the order before this edit; a repeated one counts once.
    public var removingPositions: [Int]
    /// All the tracks, in order, instead of the current ones (then `adding` after them); not
    /// with `removingPositions`.
    public var replacingWith: [String]?

    public init(
        name: String? = nil, comment: String? = nil, isPublic: Bool? = nil, adding: [String] = [], removingPositions: [Int] = [],
        replacingWith: [String]? = nil
    ) {
        self.name = name
        self.comment = comment
        self.isPublic = isPublic
        self.adding = adding
        self.removingPositions = removingPositions
        self.replacingWith = replacingWith
    }
}
