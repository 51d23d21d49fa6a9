import Foundation
import GRDB

/// One row of `albums`: a derived view of the tracks sharing an album name and album artist.
public struct Album: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "albums"

    public var id: String
    public var name: String
    public var artist: String?
    public var artistID: String?
    public var year: Int?
    public var genre: String?
    public var trackCount: Int
    public var duration: Int
    public var coverTrackID: String?
    public var addedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, artist, artistID = "artist_id", year, genre, trackCount = "track_count", duration
        case coverTrackID = "cover_track_id", addedAt = "added_at"
    }
}

/// One row of `artists`.
public struct Artist: Codable, Sendable, Hashable, FetchableRecord, TableRecord {
    public static let databaseTableName = "artists"

    public var id: String
    public var name: String
    public var albumCount: Int
    public var trackCount: Int

    enum CodingKeys: String, CodingKey {
        case id, name, albumCount = "album_count", trackCount = "track_count"
    }
}

/// How `/api/albums` orders its pages.
public enum AlbumSort: String, Sendable, CaseIterable {
    case name
    case year
    case recent
}
