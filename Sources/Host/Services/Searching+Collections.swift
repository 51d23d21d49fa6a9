import Foundation
import SourceAPI

/// The artists and albums that best match a search, shown above its songs ("garden" finds
/// the album *Bright Garden*, not only its tracks).
///
/// They come from the catalog: the library's artists and albums. The remote sources'
/// plugins search songs only (`SourceProvider.search` answers tracks), so a remote artist or
/// album has no page here to lead to; its songs are in the song list as before.
extension Searching {
    /// The most artists a search shows above its songs.
    public static let bestArtistCount = 6
    /// The most albums a search shows above its songs.
    public static let bestAlbumCount = 8

    /// The best artists and albums for `trimmed` (already checked): on the first page only
    /// (`offset` 0; later pages continue the songs), and only when a library source was asked.
    func collections(
        _ trimmed: String, offset: Int, selected: [ConfiguredProvider], viewer: User?
    ) async throws -> SearchCollections {
        let library = Set(librarySources)
        let asked = selected.map(\.id).filter(library.contains)
        guard offset == 0, !trimmed.isEmpty, !asked.isEmpty else { return .none }
        let catalog = federated.catalog
        async let artists = catalog.searchArtists(trimmed, sources: asked, limit: Self.bestArtistCount, offset: 0, order: .relevance)
        async let albums = catalog.searchAlbums(trimmed, limit: Self.bestAlbumCount, offset: 0, order: .relevance)
        let (foundArtists, foundAlbums) = try await (artists, albums)
        guard let viewer else {
            return SearchCollections(
                artists: foundArtists.map { ArtistView(artist: $0, mine: .none) },
                albums: foundAlbums.map { AlbumView(album: $0, mine: .none) })
        }
        return SearchCollections(
            artists: try await viewing.artists(foundArtists, for: viewer.id),
            albums: try await viewing.albums(foundAlbums, for: viewer.id))
    }

    /// `collections`, or none when the catalog could not be read: the songs still answer,
    /// and the detail goes to the log.
    func collectionsOrNone(
        _ trimmed: String, offset: Int, selected: [ConfiguredProvider], viewer: User?
    ) async -> SearchCollections {
        do {
            return try await collections(trimmed, offset: offset, selected: selected, viewer: viewer)
        } catch {
            federated.logger.error("search: artists and albums could not be read", metadata: ["error": "\(error)"])
            return .none
        }
    }
}

/// A search's best artists and albums, best first.
public struct SearchCollections: Sendable, Equatable {
    public var artists: [ArtistView]
    public var albums: [AlbumView]

    static let none = SearchCollections(artists: [], albums: [])
}
