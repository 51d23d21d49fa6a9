import Foundation
import SourceAPI

/// One search over artists, albums and songs together (Subsonic's search2 and search3), and
/// the whole library in pages when the text is empty (how phone apps sync the library).
extension Searching {
    /// Remote hits asked of each remote source, after the library's songs. The sources cap
    /// it with their own `search_limit`; it bounds the list the song pages walk through.
    public static let remoteHitsPerSource = 50

    /// Artists, albums and songs matching `text`, each list paged on its own.
    ///
    /// Songs are one list: the library's matches first (by relevance), then the remote
    /// sources' hits in `plugins.json` order, stored as tracks with stable ids so each plays
    /// through the shared cache. The remote sources are asked only when the page reaches past
    /// the library's matches, each under its own deadline.
    ///
    /// An empty `text` pages the whole library instead: artists and albums by name, songs
    /// by source and path, each page one indexed query and never a remote hit.
    public func searchAll(
        _ text: String, artists: PageRequest, albums: PageRequest, songs: PageRequest, for viewer: User
    ) async throws -> SearchAllResult {
        for request in [artists, albums, songs] { try request.check() }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= Self.maximumQueryLength else {
            throw HostError.invalidInput("the query is longer than \(Self.maximumQueryLength) characters")
        }
        let catalog = federated.catalog
        let library = librarySources
        if trimmed.isEmpty {
            return SearchAllResult(
                artists: try await viewing.artists(
                    catalog.artistsByName(limit: artists.limit, offset: artists.offset), for: viewer.id),
                albums: try await viewing.albums(catalog.albumsByName(limit: albums.limit, offset: albums.offset), for: viewer.id),
                songs: try await viewing.tracks(
                    catalog.libraryTracks(sources: library, limit: songs.limit, offset: songs.offset), for: viewer.id),
                sources: [])
        }
        // Artists and albums are read while the songs wait for the remote sources.
        async let artistsFound = catalog.searchArtists(trimmed, sources: library, limit: artists.limit, offset: artists.offset)
        async let albumsFound = catalog.searchAlbums(trimmed, limit: albums.limit, offset: albums.offset)
        let (found, reports) = try await self.songs(trimmed, songs, library: library)
        return SearchAllResult(
            artists: try await viewing.artists(artistsFound, for: viewer.id), albums: try await viewing.albums(albumsFound, for: viewer.id),
            songs: try await viewing.tracks(found, for: viewer.id), sources: reports)
    }

    /// The window `request` of the list "library matches, then remote hits".
    private func songs(_ text: String, _ request: PageRequest, library: [ProviderID]) async throws -> ([Track], [SourceReport]) {
        let catalog = federated.catalog
        var found: [Track] = []
        var skip = request.offset
        var wanted = request.limit
        for source in library where wanted > 0 {
            let page = try await catalog.search(text, source: source, limit: wanted, offset: skip)
            found += page
            wanted -= page.count
            guard wanted > 0 else { break }
            // This source ended inside the window: what it held before the window is
            // skipped from the next one.
            let total = page.isEmpty ? try await catalog.countMatches(text, source: source, upTo: skip) : skip + page.count
            skip = max(0, skip - total)
        }
        let remote = remoteSources
        guard wanted > 0, !remote.isEmpty else { return (found, []) }
        let answer = try await federated.search(
            text, limit: Self.remoteHitsPerSource, offset: 0, sources: remote.map(\.rawValue))
        let known = Set(found.map(\.id))
        let hits = answer.tracks.filter { !known.contains($0.id) }
        return (found + hits.dropFirst(skip).prefix(wanted), answer.sources)
    }

    /// The sources whose tracks are files of this server's library.
    var librarySources: [ProviderID] {
        federated.providers.filter { $0.provider?.capabilities.contains(.library) == true }.map(\.id)
    }

    /// The searchable sources whose tracks come from elsewhere (kept in the shared cache).
    var remoteSources: [ProviderID] {
        federated.providers.filter { configured in
            guard let capabilities = configured.provider?.capabilities else { return false }
            return capabilities.contains(.search) && capabilities.contains(.remote) && !capabilities.contains(.library)
        }.map(\.id)
    }
}

/// A window of a list: at most `limit` items from position `offset`.
public struct PageRequest: Sendable, Equatable {
    public var limit: Int
    public var offset: Int

    public init(limit: Int, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    /// A limit of 0 asks for nothing (an app that wants only songs); at most
    /// `Paging.maximumLimit`.
    func check() throws {
        guard (0...Paging.maximumLimit).contains(limit) else {
            throw HostError.invalidInput("a count must be from 0 to \(Paging.maximumLimit), got \(limit)")
        }
        guard (0...10_000_000).contains(offset) else {
            throw HostError.invalidInput("an offset must be from 0 to 10000000, got \(offset)")
        }
    }
}

/// Artists, albums and songs found together.
public struct SearchAllResult: Sendable {
    public var artists: [ArtistView]
    public var albums: [AlbumView]
    /// Library songs first, then remote ones.
    public var songs: [TrackView]
    /// How each remote source did, when they were asked.
    public var sources: [SourceReport]
}
