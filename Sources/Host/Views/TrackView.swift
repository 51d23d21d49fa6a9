import Foundation

/// A track as one signed-in person sees it: the shared catalog row and that person's own
/// marks on it. Every list a service answers is made of these, so no adapter asks for a
/// user's likes or play counts on its own. The track's fields read through directly
/// (`view.title`).
@dynamicMemberLookup
public struct TrackView: Sendable, Equatable {
    public var track: Track
    public var mine: PersonalMarks
    /// The track's album has a cover (another track's picture) that stands in for this
    /// track's missing one, so lists, the player and the lock screen show the album's art.
    public var albumHasCover: Bool

    public init(track: Track, mine: PersonalMarks = .none, albumHasCover: Bool = false) {
        self.track = track
        self.mine = mine
        self.albumHasCover = albumHasCover
    }

    /// The track shows its own picture (embedded, or its folder's image).
    public var hasOwnCover: Bool { track.hasEmbeddedCover || track.folderImage != nil }

    public subscript<Value>(dynamicMember path: KeyPath<Track, Value>) -> Value { track[keyPath: path] }

    /// The person likes it (Subsonic calls it starred).
    public var liked: Bool { mine.likedAt != nil }
}

/// One person's marks on one track.
public struct PersonalMarks: Sendable, Equatable {
    public var likedAt: Date?
    /// 1 to 5, or nil when unrated.
    public var rating: Int?
    public var playCount: Int
    public var lastPlayed: Date?

    public static let none = PersonalMarks(likedAt: nil, rating: nil, playCount: 0, lastPlayed: nil)
}

/// An album as one person sees it: whether they starred or rated it.
@dynamicMemberLookup
public struct AlbumView: Sendable, Equatable {
    public var album: Album
    public var mine: ItemMarks

    public subscript<Value>(dynamicMember path: KeyPath<Album, Value>) -> Value { album[keyPath: path] }
}

/// An artist as one person sees it.
@dynamicMemberLookup
public struct ArtistView: Sendable, Equatable {
    public var artist: Artist
    public var mine: ItemMarks

    public subscript<Value>(dynamicMember path: KeyPath<Artist, Value>) -> Value { artist[keyPath: path] }
}

/// One person's star and rating on an album or an artist.
public struct ItemMarks: Sendable, Equatable {
    public var starredAt: Date?
    public var rating: Int?

    public static let none = ItemMarks(starredAt: nil, rating: nil)
}
