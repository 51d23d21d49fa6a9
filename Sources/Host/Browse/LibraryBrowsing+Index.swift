import Foundation

/// Folder-style browsing: the artist index, an artist's or album's directory, and what an
/// id names.
extension LibraryBrowsing {
    /// The most artists one index lists: the protocol has no paging for it, so the bound
    /// sits far above a family library (a few thousand album artists).
    public static let maximumIndexedArtists = 20_000

    /// The articles artist names are indexed and sorted without.
    public static let ignoredArticles = IgnoredArticles.standard

    /// Every artist (up to `maximumIndexedArtists`) under the letter of their name without
    /// its article, with the viewer's stars and ratings.
    public func artistIndex(for viewer: User) async throws -> ArtistIndex {
        let articles = Self.ignoredArticles
        let artists = try await viewing.artists(catalog.allArtists(limit: Self.maximumIndexedArtists), for: viewer.id)
        let keyed = artists.map { view in (index: articles.indexName(of: view.name), key: articles.sortKey(of: view.name), view: view) }
        let groups = Dictionary(grouping: keyed, by: \.index)
            .sorted { Self.indexOrder($0.key, $1.key) }
            .map { name, members in
                ArtistIndex.Group(
                    name: name, artists: members.sorted { ($0.key, $0.view.id) < ($1.key, $1.view.id) }.map(\.view))
            }
        let changed = try await catalog.lastLibraryChange(librarySources: librarySources)
        return ArtistIndex(ignoredArticles: articles, lastModified: changed ?? Date(timeIntervalSince1970: 0), groups: groups)
    }

    /// `#` before the letters, the letters in order.
    static func indexOrder(_ first: String, _ second: String) -> Bool {
        if first == "#" || second == "#" { return first == "#" && second != "#" }
        return first < second
    }

    /// What `id` names; `notFound` when nothing.
    public func kind(of id: String) async throws -> LibraryItemKind {
        guard let kind = try await catalog.kind(of: id) else { throw HostError.notFound(kind: "item", id: id) }
        return kind
    }

    /// An artist (with their albums) or an album (with its tracks); `notFound` for any other id.
    public func directory(id: String, for viewer: User) async throws -> LibraryDirectory {
        switch try await catalog.kind(of: id) {
        case .artist: .artist(try await artist(id: id, for: viewer))
        case .album: .album(try await album(id: id, for: viewer))
        case .track, nil: throw HostError.notFound(kind: "directory", id: id)
        }
    }

    /// What is known about the artist of `id` (an artist, or one of their albums or songs).
    public func artistInfo(id: String) async throws -> ItemInfo {
        ItemInfo(kind: try await kind(of: id), notes: nil)
    }

    /// What is known about the album of `id` (an album, or one of its songs).
    public func albumInfo(id: String) async throws -> ItemInfo {
        let kind = try await kind(of: id)
        guard kind != .artist else { throw HostError.notFound(kind: "album", id: id) }
        return ItemInfo(kind: kind, notes: nil)
    }
}
