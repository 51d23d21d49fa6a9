import Foundation
import GRDB

/// What an id names, for the calls that take a track, an album or an artist id alike.
enum MarkedItem: Sendable, Hashable {
    case track(String)
    case album(String)
    case artist(String)
}

/// Stars and ratings, one user's at a time: a star on a track is its like (`user_activity`),
/// on an album or an artist a row of `user_marks`.
extension Catalog {
    /// Stars or unstars what the ids name, in one transaction. `anyIDs` may name a track,
    /// an album or an artist; the others name only their kind. Answers the ids that name
    /// nothing, which are left alone.
    func setStarred(
        _ starred: Bool, anyIDs: [String], albumIDs: [String], artistIDs: [String], userID: String
    ) async throws -> [String] {
        try await pool.write { db in
            var unknown: [String] = []
            var items: [MarkedItem] = []
            for id in anyIDs {
                if let item = try Self.item(db, id: id) { items.append(item) } else { unknown.append(id) }
            }
            for id in albumIDs {
                if try Album.exists(db, key: id) { items.append(.album(id)) } else { unknown.append(id) }
            }
            for id in artistIDs {
                if try Artist.exists(db, key: id) { items.append(.artist(id)) } else { unknown.append(id) }
            }
            let now = Date()
            for item in Set(items) {
                switch item {
                case .track(let id): try Self.setLiked(db, starred, trackID: id, userID: userID, at: now)
                case .album(let id): try Self.setStarred(db, starred, kind: .album, itemID: id, userID: userID, at: now)
                case .artist(let id): try Self.setStarred(db, starred, kind: .artist, itemID: id, userID: userID, at: now)
                }
            }
            return unknown
        }
    }

    /// Sets (1 to 5) or removes (nil) the user's rating of what `id` names.
    func setRating(_ rating: Int?, id: String, userID: String) async throws {
        try await pool.write { db in
            guard let item = try Self.item(db, id: id) else { throw HostError.notFound(kind: "song, album or artist", id: id) }
            switch item {
            case .track(let trackID):
                if let rating {
                    try db.execute(
                        sql: """
                            INSERT INTO user_activity (user_id, track_id, rating) VALUES (?1, ?2, ?3)
                            ON CONFLICT (user_id, track_id) DO UPDATE SET rating = excluded.rating
                            """,
                        arguments: [userID, trackID, rating])
                } else {
                    try db.execute(
                        sql: "UPDATE user_activity SET rating = NULL WHERE user_id = ? AND track_id = ?", arguments: [userID, trackID])
                }
            case .album(let itemID): try Self.setRating(db, rating, kind: .album, itemID: itemID, userID: userID)
            case .artist(let itemID): try Self.setRating(db, rating, kind: .artist, itemID: itemID, userID: userID)
            }
        }
    }

    /// The albums the user starred, last starred first (those a rescan removed are left out
    /// until they come back; their star is kept).
    func starredAlbums(userID: String, limit: Int) async throws -> [Album] {
        try await pool.read { db in
            try Album.fetchAll(
                db.cachedStatement(sql: """
                    SELECT albums.* FROM user_marks JOIN albums ON albums.id = user_marks.item_id
                    WHERE user_marks.user_id = ? AND user_marks.kind = 'album' AND user_marks.starred_at IS NOT NULL
                    ORDER BY user_marks.starred_at DESC, albums.id LIMIT ?
                    """),
                arguments: [userID, limit])
        }
    }

    /// The artists the user starred, last starred first.
    func starredArtists(userID: String, limit: Int) async throws -> [Artist] {
        try await pool.read { db in
            try Artist.fetchAll(
                db.cachedStatement(sql: """
                    SELECT artists.* FROM user_marks JOIN artists ON artists.id = user_marks.item_id
                    WHERE user_marks.user_id = ? AND user_marks.kind = 'artist' AND user_marks.starred_at IS NOT NULL
                    ORDER BY user_marks.starred_at DESC, artists.id LIMIT ?
                    """),
                arguments: [userID, limit])
        }
    }

    /// What `id` names: a track first (the id a song has everywhere), then an album, then
    /// an artist; nil when nothing.
    static func item(_ db: Database, id: String) throws -> MarkedItem? {
        if try Track.exists(db, key: id) { return .track(id) }
        if try Album.exists(db, key: id) { return .album(id) }
        if try Artist.exists(db, key: id) { return .artist(id) }
        return nil
    }

    private static func setStarred(_ db: Database, _ starred: Bool, kind: MarkedKind, itemID: String, userID: String, at time: Date) throws {
        if starred {
            try db.execute(
                sql: """
                    INSERT INTO user_marks (user_id, kind, item_id, starred_at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (user_id, kind, item_id) DO UPDATE SET starred_at = COALESCE(starred_at, excluded.starred_at)
                    """,
                arguments: [userID, kind.rawValue, itemID, time])
        } else {
            try db.execute(
                sql: "UPDATE user_marks SET starred_at = NULL WHERE user_id = ? AND kind = ? AND item_id = ?",
                arguments: [userID, kind.rawValue, itemID])
            try removeEmptyMark(db, kind: kind, itemID: itemID, userID: userID)
        }
    }

    private static func setRating(_ db: Database, _ rating: Int?, kind: MarkedKind, itemID: String, userID: String) throws {
        if let rating {
            try db.execute(
                sql: """
                    INSERT INTO user_marks (user_id, kind, item_id, rating) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT (user_id, kind, item_id) DO UPDATE SET rating = excluded.rating
                    """,
                arguments: [userID, kind.rawValue, itemID, rating])
        } else {
            try db.execute(
                sql: "UPDATE user_marks SET rating = NULL WHERE user_id = ? AND kind = ? AND item_id = ?",
                arguments: [userID, kind.rawValue, itemID])
            try removeEmptyMark(db, kind: kind, itemID: itemID, userID: userID)
        }
    }

    /// A mark with neither a star nor a rating says nothing: its row goes.
    private static func removeEmptyMark(_ db: Database, kind: MarkedKind, itemID: String, userID: String) throws {
        try db.execute(
            sql: """
                DELETE FROM user_marks
                WHERE user_id = ? AND kind = ? AND item_id = ? AND starred_at IS NULL AND rating IS NULL
                """,
            arguments: [userID, kind.rawValue, itemID])
    }
}
