import Foundation

/// Every artist of the library grouped by the letter they are listed under, as folder-
/// browsing apps show them (Subsonic's getIndexes and getArtists).
public struct ArtistIndex: Sendable {
    /// The articles names were indexed without.
    public var ignoredArticles: IgnoredArticles
    /// When the library last changed, as far as the catalog records it (a file added or
    /// reread; a removal leaves no time behind).
    public var lastModified: Date
    /// `#` first, then the letters in order; artists within a group by sort name.
    public var groups: [Group]

    /// The artists listed under one index name.
    public struct Group: Sendable {
        public var name: String
        public var artists: [ArtistView]
    }
}

/// What a library id names: ids of artists, albums and tracks never collide.
public enum LibraryItemKind: String, Sendable {
    case artist, album, track
}

/// What a folder-browsing app opens: an artist (their albums) or an album (its tracks).
public enum LibraryDirectory: Sendable {
    case artist(ArtistDetail)
    case album(AlbumDetail)
}

/// What the catalog knows about an artist or album beyond its tags. Nothing yet: there is no
/// biography or notes source, so every field is absent, which apps show as an empty page.
public struct ItemInfo: Sendable, Equatable {
    /// What the id named.
    public var kind: LibraryItemKind
    public var notes: String?
}
