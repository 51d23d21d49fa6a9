import Foundation

/// Lists of albums and songs chosen by a rule (newest, most played, a genre, a year...),
/// each in the viewer's terms and bounded by `Paging`.
extension LibraryBrowsing {
    /// One page of an album list; the lists of marks and plays are the viewer's own.
    public func albums(_ list: AlbumList, limit: Int, offset: Int, for viewer: User) async throws -> [AlbumView] {
        let (limit, offset) = try Paging.validate(limit: limit, offset: offset)
        let albums = try await catalog.albums(list, userID: viewer.id, articles: Self.ignoredArticles, limit: limit, offset: offset)
        return try await viewing.albums(albums, for: viewer.id)
    }

    /// One page of the library's songs of `genre` (any case), in a stable order.
    public func songs(genre: String, limit: Int, offset: Int, for viewer: User) async throws -> [TrackView] {
        let (limit, offset) = try Paging.validate(limit: limit, offset: offset)
        return try await viewing.tracks(
            catalog.tracks(genre: genre, librarySources: librarySources, limit: limit, offset: offset), for: viewer.id)
    }

    /// Up to `count` playable library songs matching `filter`, at random.
    public func randomSongs(_ filter: SongFilter, count: Int, for viewer: User) async throws -> [TrackView] {
        try await viewing.tracks(
            catalog.randomTracks(filter, librarySources: librarySources, limit: Self.validated(count: count)), for: viewer.id)
    }

    /// Every genre of the library with its song and album counts, by name (up to `maximumGenres`).
    public func genres() async throws -> [Genre] {
        try await catalog.genres(librarySources: librarySources, limit: Self.maximumGenres)
    }

    /// The most genres listed: genre tags are free text, and a library can hold thousands.
    public static let maximumGenres = 5_000

    /// A count of songs asked for, checked against the same bound as pages.
    static func validated(count: Int) throws -> Int {
        guard (1...Paging.maximumLimit).contains(count) else {
            throw HostError.invalidInput("count must be between 1 and \(Paging.maximumLimit), got \(count)")
        }
        return count
    }
}
