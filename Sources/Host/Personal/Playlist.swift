import Foundation
import GRDB

/// One row of `playlists`.
public struct Playlist: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "playlists"

    public var id: String
    public var name: String
    public var isOffline: Bool
    public var ownerID: String
    public var isPublic: Bool
    public var createdAt: Date
    public var updatedAt: Date?
    /// What the owner wrote about it; nil when nothing.
    public var comment: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, isOffline = "is_offline", ownerID = "owner_id", isPublic = "is_public"
        case createdAt = "created_at", updatedAt = "updated_at", comment
    }

    static let maximumNameLength = 200

    static func validName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw HostError.invalidInput("a playlist needs a name") }
        guard trimmed.count <= maximumNameLength else {
            throw HostError.invalidInput("a playlist name has at most \(maximumNameLength) characters")
        }
        return trimmed
    }

    static let maximumCommentLength = 2_000

    /// A comment as stored: trimmed, nil when empty.
    static func validComment(_ comment: String) throws -> String? {
        let trimmed = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumCommentLength else {
            throw HostError.invalidInput("a playlist comment has at most \(maximumCommentLength) characters")
        }
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// A playlist with its size, as lists show it.
public struct PlaylistSummary: Sendable, Equatable {
    public var playlist: Playlist
    /// The owner's user name as apps show it (`User.appUserName`).
    public var ownerName: String
    public var trackCount: Int
    public var duration: Int
    /// Of its tracks, how many have their bytes on this disk.
    public var cachedCount: Int
}

/// A playlist and a window of its tracks in order, as the catalog holds them.
struct PlaylistContents: Sendable {
    var summary: PlaylistSummary
    var tracks: [Track]
    var offset: Int
    var limit: Int
}

/// A playlist's summary as one person sees it.
@dynamicMemberLookup
public struct PlaylistSummaryView: Sendable, Equatable {
    public var summary: PlaylistSummary
    /// The viewer owns it (others may only read it, and only when it is public).
    public var isOwner: Bool

    init(_ summary: PlaylistSummary, viewerID: String) {
        self.summary = summary
        isOwner = summary.playlist.ownerID == viewerID
    }

    public subscript<Value>(dynamicMember path: KeyPath<PlaylistSummary, Value>) -> Value { summary[keyPath: path] }
    public var playlist: Playlist { summary.playlist }
}

/// A playlist as one person sees it, with a window of its tracks in order:
/// `tracks[i]` is at position `offset + i`.
public struct PlaylistView: Sendable {
    public var summary: PlaylistSummaryView
    public var tracks: [TrackView]
    /// The position of `tracks[0]`.
    public var offset: Int
    /// The most tracks the window could hold.
    public var limit: Int
    public var offline: OfflineStatus
}

/// How big playlists may grow, so that one user cannot fill the disk or make an answer
/// that takes seconds to build (60,000 entries made a 26 MB answer). Generous for people:
/// Spotify stops at 10,000 tracks a playlist too.
public enum PlaylistLimits {
    public static let tracksPerPlaylist = 10_000
    /// Track ids in one request that adds tracks.
    public static let tracksPerRequest = 500
    public static let playlistsPerUser = 1_000
    /// Tracks in one answer of a playlist when the client names no window.
    public static let defaultPage = 500
}
