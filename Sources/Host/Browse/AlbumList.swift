/// Which albums a list holds and in what order (Subsonic's getAlbumList types). Lists of one
/// person's marks and plays hold only the albums that person starred, rated or played.
public enum AlbumList: Sendable, Equatable {
    /// A fresh random choice each time (the offset is not used).
    case random
    /// Most recently added to the library first.
    case newest
    /// The viewer's rated albums, highest rating first.
    case highest
    /// Albums the viewer played, most plays (the sum over the album's tracks) first.
    case frequent
    /// Albums the viewer played, the latest played first.
    case recent
    /// Albums the viewer starred, the latest starred first.
    case starred
    case alphabeticalByName
    /// By album artist, sorted without leading articles, then by album name.
    case alphabeticalByArtist
    /// Albums whose year is between the two (inclusive): oldest first when `from <= to`,
    /// newest first when `from > to`.
    case byYear(from: Int, to: Int)
    /// Albums with at least one track of this genre (case does not matter), by name.
    case byGenre(String)
}

/// A genre of the library's tracks, with how many tracks and albums carry it.
public struct Genre: Sendable, Equatable {
    public var name: String
    public var songCount: Int
    public var albumCount: Int
}

/// Which tracks a random choice may take (each absent value: no condition).
public struct SongFilter: Sendable, Equatable {
    /// A genre name, case-insensitive.
    public var genre: String?
    /// Tracks of this year or later.
    public var fromYear: Int?
    /// Tracks of this year or earlier.
    public var toYear: Int?

    public init(genre: String? = nil, fromYear: Int? = nil, toYear: Int? = nil) {
        self.genre = genre
        self.fromYear = fromYear
        self.toYear = toYear
    }
}
