import Foundation
import SourceAPI

/// Browsing the library: artists, albums and tracks, each as the signed-in person sees
/// them (their likes, stars, ratings and play counts). Both adapters (`/api`, `/rest`) call
/// these and nothing below them.
public struct LibraryBrowsing: Sendable {
    let catalog: Catalog
    let viewing: Viewing
    /// The sources whose tracks make up the library (albums, artists, genres); remote
    /// sources' cached tracks are not among them.
    let librarySources: [ProviderID]

    init(catalog: Catalog, librarySources: [ProviderID]) {
        self.catalog = catalog
        self.librarySources = librarySources
        viewing = Viewing(catalog: catalog)
    }

    public func track(id: String, for viewer: User) async throws -> TrackView {
        try await viewing.track(catalog.track(id: id), for: viewer.id)
    }

    /// The tracks on this server, album by album in an album order, or by title.
    public func tracks(sort: TrackSort, limit: Int, offset: Int, for viewer: User) async throws -> Page<TrackView> {
        try await viewing.page(catalog.tracks(sort: sort, limit: limit, offset: offset), for: viewer.id)
    }

    public func albums(sort: AlbumSort, limit: Int, offset: Int, for viewer: User) async throws -> Page<AlbumView> {
        let page = try await catalog.albums(sort: sort, limit: limit, offset: offset)
        return Page(items: try await viewing.albums(page.items, for: viewer.id), total: page.total, limit: limit, offset: offset)
    }

    /// An album and its tracks in disc and track order.
    public func album(id: String, for viewer: User) async throws -> AlbumDetail {
        let (album, tracks) = try await catalog.album(id: id)
        return AlbumDetail(
            album: try await viewing.albums([album], for: viewer.id)[0], tracks: try await viewing.tracks(tracks, for: viewer.id))
    }

    public func artists(limit: Int, offset: Int, for viewer: User) async throws -> Page<ArtistView> {
        let page = try await catalog.artists(limit: limit, offset: offset)
        return Page(items: try await viewing.artists(page.items, for: viewer.id), total: page.total, limit: limit, offset: offset)
    }

    /// How many of an artist's most played tracks their page shows.
    public static let topTrackCount = 10

    /// An artist, their tracks most played in this household, and their albums, newest first.
    public func artist(id: String, for viewer: User) async throws -> ArtistDetail {
        let (artist, albums) = try await catalog.artist(id: id)
        let top = try await catalog.topTracks(artistID: artist.id, limit: Self.topTrackCount)
        return ArtistDetail(
            artist: try await viewing.artists([artist], for: viewer.id)[0], albums: try await viewing.albums(albums, for: viewer.id),
            topTracks: try await viewing.tracks(top, for: viewer.id))
    }
}

/// An album page.
public struct AlbumDetail: Sendable {
    public var album: AlbumView
    public var tracks: [TrackView]
}

/// An artist page.
public struct ArtistDetail: Sendable {
    public var artist: ArtistView
    public var albums: [AlbumView]
    /// Most played in this household first (everyone's plays added up); the viewer's likes.
    public var topTracks: [TrackView]
}
