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

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, name, isOffline = "is_offline", ownerID = "owner_id", isPublic = "is_public"
        case createdAt = "created_at", updatedAt = "updated_at"
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
}

/// A playlist with its size, as lists show it.
public struct PlaylistSummary: Sendable, Equatable {
    public var playlist: Playlist
    public var trackCount: Int
    public var duration: Int
    /// Of its tracks, how many have their bytes on this disk.
    public var cachedCount: Int
}

/// A playlist and its tracks in order (a track's index is its position).
public struct PlaylistContents: Sendable {
    public var summary: PlaylistSummary
    public var tracks: [Track]
}
