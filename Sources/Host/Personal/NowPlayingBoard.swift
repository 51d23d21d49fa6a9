import Foundation
import Synchronization

/// What each person's players say they are playing now (Subsonic's scrobble with
/// `submission=false`), kept in memory only: it is gone when the track would have ended, or
/// at a restart.
///
/// Bounded: one entry per person and player, at most `playersPerUser` players a person and
/// `maximumEntries` in all; the oldest entry gives way.
final class NowPlayingBoard: Sendable {
    struct Entry: Sendable, Equatable {
        var userID: String
        var userName: String
        /// The app that reported it (its `c`), or "" when it named none.
        var player: String
        var trackID: String
        var startedAt: Date
        var endsAt: Date
    }

    static let maximumEntries = 256
    static let playersPerUser = 8
    static let maximumPlayerNameLength = 100
    /// How long an entry stays when the track's length is unknown.
    static let unknownLength: TimeInterval = 10 * 60
    /// Slack after the track's end, for a pause or a slow network.
    static let slack: TimeInterval = 60

    private let entries = Mutex<[Entry]>([])

    /// `user` started playing `track` on `player`; replaces what that player played before.
    func report(user: User, player: String?, track: Track, at now: Date = Date()) {
        let player = String((player ?? "").prefix(Self.maximumPlayerNameLength))
        let length = track.duration.map { TimeInterval(max($0, 0)) } ?? Self.unknownLength
        let entry = Entry(
            userID: user.id, userName: user.appUserName, player: player, trackID: track.id, startedAt: now,
            endsAt: now.addingTimeInterval(length + Self.slack))
        entries.withLock { entries in
            entries.removeAll { $0.endsAt <= now || ($0.userID == user.id && $0.player == player) }
            entries.append(entry)
            let mine = entries.indices.filter { entries[$0].userID == user.id }
            if mine.count > Self.playersPerUser, let oldest = mine.first { entries.remove(at: oldest) }
            if entries.count > Self.maximumEntries { entries.removeFirst(entries.count - Self.maximumEntries) }
        }
    }

    /// The entries still playing that `viewer` may see, most recent first.
    ///
    /// Only the viewer's own: on a family server what someone is listening to right now is
    /// part of their listening history, which is theirs alone (Navidrome shows everyone's).
    func entries(visibleTo viewer: User, at now: Date = Date()) -> [Entry] {
        entries.withLock { entries in
            entries.filter { $0.endsAt > now && $0.userID == viewer.id }
        }.sorted { ($0.startedAt, $0.player) > ($1.startedAt, $1.player) }
    }
}
