import Foundation

/// Songs an app plays after a song, an album or an artist ("radio", "top songs"), from what
/// the catalog knows: artists, genres and this household's play counts.
extension LibraryBrowsing {
    /// Up to `count` library songs like `id` (a song of any source, an album or an
    /// artist): the same artist's songs at random, then songs of the same genres at
    /// random, never the seed's own songs. `notFound` for an unknown id.
    public func similarSongs(to id: String, count: Int, for viewer: User) async throws -> [TrackView] {
        let limit = try Self.validated(count: count)
        guard let seed = try await catalog.radioSeed(id: id) else { throw HostError.notFound(kind: "item", id: id) }
        return try await viewing.tracks(catalog.radioTracks(seed, librarySources: librarySources, limit: limit), for: viewer.id)
    }

    /// Up to `count` library songs of the artist called `name` (album artist or track
    /// artist, any case): the household's most played first, then in the artist's album
    /// order. An unknown name has no songs.
    public func topSongs(artist name: String, count: Int, for viewer: User) async throws -> [TrackView] {
        let limit = try Self.validated(count: count)
        return try await viewing.tracks(
            catalog.topTracks(artistName: name, librarySources: librarySources, limit: limit), for: viewer.id)
    }
}
