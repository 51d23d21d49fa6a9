import Foundation
import SourceAPI

/// A person's own marks and listening: likes, plays, history and discovery. Every query is
/// scoped to the person inside the catalog, never by an adapter.
public struct PersonalData: Sendable {
    let catalog: Catalog
    let viewing: Viewing
    let librarySources: [ProviderID]
    /// One board for the host: `MusicHost` keeps a single `PersonalData`.
    let nowPlaying = NowPlayingBoard()

    public func setLiked(_ liked: Bool, trackID: String, by user: User) async throws {
        try await catalog.setLiked(liked, trackID: trackID, userID: user.id)
    }

    /// The person's liked tracks, last liked first.
    public func likes(limit: Int, offset: Int, of user: User) async throws -> Page<TrackView> {
        try await viewing.page(catalog.likedTracks(userID: user.id, limit: limit, offset: offset), for: user.id)
    }

    /// One play, for history, play counts and discovery.
    public func recordPlay(trackID: String, by user: User, at time: Date = Date()) async throws {
        try await catalog.recordPlay(trackID: trackID, userID: user.id, at: time)
    }

    /// The person's plays, newest first, optionally within [from, to).
    public func history(from: Date?, to: Date?, limit: Int, offset: Int, of user: User) async throws -> Page<PlayView> {
        let page = try await catalog.history(userID: user.id, from: from, to: to, limit: limit, offset: offset)
        let tracks = try await viewing.tracks(page.items.map(\.track), for: user.id)
        return Page(
            items: zip(page.items, tracks).map { PlayView(track: $1, playedAt: $0.playedAt) }, total: page.total,
            limit: page.limit, offset: page.offset)
    }

    /// The person's week, the library's newest files and the shared cache's newest downloads.
    public func discovery(for user: User) async throws -> DiscoveryView {
        let found = try await catalog.discovery(userID: user.id, librarySources: librarySources)
        let played = try await viewing.tracks(found.mostPlayedThisWeek.map(\.track), for: user.id)
        return DiscoveryView(
            mostPlayedThisWeek: zip(found.mostPlayedThisWeek, played).map { PlayCountView(track: $1, plays: $0.plays) },
            recentlyAdded: try await viewing.tracks(found.recentlyAdded, for: user.id),
            recentlyCached: try await viewing.tracks(found.recentlyCached, for: user.id))
    }
}

/// One play in a person's history.
public struct PlayView: Sendable {
    public var track: TrackView
    public var playedAt: Date
}

/// A track and how often the person played it.
public struct PlayCountView: Sendable {
    public var track: TrackView
    public var plays: Int
}

/// What the discovery page shows one person.
public struct DiscoveryView: Sendable {
    public var mostPlayedThisWeek: [PlayCountView]
    public var recentlyAdded: [TrackView]
    public var recentlyCached: [TrackView]
}
