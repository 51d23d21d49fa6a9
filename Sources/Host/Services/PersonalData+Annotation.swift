import Foundation

/// Stars, ratings and reported plays, as phone apps send them (Subsonic's star, setRating,
/// scrobble): the same likes and history as `/api`, one person's at a time.
extension PersonalData {
    /// Most ids one request may name.
    public static let maximumIDsPerRequest = 500
    /// Most items of each kind `starred` answers.
    public static let maximumStarred = 10_000

    /// Stars (or unstars) tracks, albums and artists at once. `ids` may name any of the
    /// three; a star on a track is its like. Ids that name nothing are skipped, as apps
    /// with an old copy of the library send them; when none names anything the answer is
    /// "not found".
    public func setStarred(_ starred: Bool, ids: [String], albumIDs: [String], artistIDs: [String], by user: User) async throws {
        let count = ids.count + albumIDs.count + artistIDs.count
        guard count > 0 else { throw HostError.invalidInput("name at least one song, album or artist") }
        try Self.checkRequestSize(count)
        let unknown = try await catalog.setStarred(starred, anyIDs: ids, albumIDs: albumIDs, artistIDs: artistIDs, userID: user.id)
        if unknown.count == count, let first = unknown.first {
            throw HostError.notFound(kind: "song, album or artist", id: first)
        }
    }

    /// Rates a track, an album or an artist from 1 to 5; 0 removes the rating.
    public func setRating(_ rating: Int, id: String, by user: User) async throws {
        guard (0...5).contains(rating) else {
            throw HostError.invalidInput("a rating is from 1 to 5, or 0 to remove it; got \(rating)")
        }
        try await catalog.setRating(rating == 0 ? nil : rating, id: id, userID: user.id)
    }

    /// What the person starred: liked tracks, starred albums and artists, each last starred
    /// first and at most `maximumStarred` of each.
    public func starred(of user: User) async throws -> StarredView {
        let tracks = try await catalog.likedTracks(userID: user.id, limit: Self.maximumStarred, offset: 0).items
        let albums = try await catalog.starredAlbums(userID: user.id, limit: Self.maximumStarred)
        let artists = try await catalog.starredArtists(userID: user.id, limit: Self.maximumStarred)
        return StarredView(
            artists: try await viewing.artists(artists, for: user.id), albums: try await viewing.albums(albums, for: user.id),
            tracks: try await viewing.tracks(tracks, for: user.id))
    }

    /// Plays an app reports. `submission` true: each track was played (history, play
    /// counts), at its reported time when believable, else now. False: the first track is
    /// what `player` plays now, and nothing is recorded. Unknown ids are skipped; when none
    /// is known the answer is "not found".
    public func reportPlays(
        trackIDs: [String], times: [Date?], submission: Bool, player: String?, by user: User
    ) async throws {
        guard let first = trackIDs.first else { throw HostError.invalidInput("name at least one song") }
        try Self.checkRequestSize(trackIDs.count)
        guard submission else {
            let track = try await catalog.track(id: first)
            nowPlaying.report(user: user, player: player, track: track)
            return
        }
        let now = Date()
        let plays = trackIDs.enumerated().map { index, id in
            (trackID: id, time: ReportedPlayTime.resolve(index < times.count ? times[index] : nil, now: now))
        }
        let unknown = try await catalog.recordPlays(plays, userID: user.id)
        if unknown.count == trackIDs.count { throw HostError.notFound(kind: "song", id: first) }
    }

    /// What is playing now on the players the viewer may see (their own), most recent first.
    public func nowPlaying(for viewer: User, at now: Date = Date()) async throws -> [NowPlayingView] {
        let entries = nowPlaying.entries(visibleTo: viewer, at: now)
        let tracks = try await catalog.tracks(ids: entries.map(\.trackID))
        let kept = entries.filter { tracks[$0.trackID] != nil }
        let views = try await viewing.tracks(kept.compactMap { tracks[$0.trackID] }, for: viewer.id)
        return zip(kept, views).map { entry, view in
            NowPlayingView(
                track: view, userName: entry.userName, player: entry.player,
                minutesAgo: max(0, Int(now.timeIntervalSince(entry.startedAt) / 60)))
        }
    }

    static func checkRequestSize(_ count: Int) throws {
        guard count <= maximumIDsPerRequest else {
            throw HostError.invalidInput("\(count) ids in one request; name at most \(maximumIDsPerRequest) at a time")
        }
    }
}

/// What a person starred.
public struct StarredView: Sendable {
    public var artists: [ArtistView]
    public var albums: [AlbumView]
    public var tracks: [TrackView]
}

/// One player's current track.
public struct NowPlayingView: Sendable {
    public var track: TrackView
    /// The listener's app user name.
    public var userName: String
    /// The app that reported it ("" when it named none).
    public var player: String
    /// Whole minutes since it started.
    public var minutesAgo: Int
}
