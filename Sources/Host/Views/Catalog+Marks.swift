import Foundation
import GRDB

/// What kind of item a star or rating is on, besides tracks.
enum MarkedKind: String, Sendable {
    case album, artist
}

/// One person's marks, read for a whole list in one query (never one per row).
extension Catalog {
    func trackMarks(userID: String, trackIDs: [String]) async throws -> [String: PersonalMarks] {
        guard !trackIDs.isEmpty else { return [:] }
        let list = try Self.jsonList(trackIDs)
        return try await pool.read { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT track_id, is_liked, liked_at, rating, play_count, last_played FROM user_activity
                    WHERE user_id = ? AND track_id IN (SELECT value FROM json_each(?))
                    """),
                arguments: [userID, list])
            var marks: [String: PersonalMarks] = [:]
            while let row = try rows.next() {
                let liked: Bool = row["is_liked"]
                marks[row["track_id"]] = PersonalMarks(
                    likedAt: liked ? (row["liked_at"] as Date? ?? Date(timeIntervalSince1970: 0)) : nil,
                    rating: row["rating"], playCount: row["play_count"], lastPlayed: row["last_played"])
            }
            return marks
        }
    }

    /// Which of `albumIDs` have a cover, in one query (for the tracks without their own).
    func albumsWithCovers(_ albumIDs: [String]) async throws -> Set<String> {
        let unique = Array(Set(albumIDs))
        guard !unique.isEmpty else { return [] }
        let list = try Self.jsonList(unique)
        return try await pool.read { db in
            Set(try String.fetchAll(
                db.cachedStatement(sql: """
                    SELECT id FROM albums WHERE cover_track_id IS NOT NULL AND id IN (SELECT value FROM json_each(?))
                    """),
                arguments: [list]))
        }
    }

    func itemMarks(userID: String, kind: MarkedKind, ids: [String]) async throws -> [String: ItemMarks] {
        guard !ids.isEmpty else { return [:] }
        let list = try Self.jsonList(ids)
        return try await pool.read { db in
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT item_id, starred_at, rating FROM user_marks
                    WHERE user_id = ? AND kind = ? AND item_id IN (SELECT value FROM json_each(?))
                    """),
                arguments: [userID, kind.rawValue, list])
            var marks: [String: ItemMarks] = [:]
            while let row = try rows.next() {
                marks[row["item_id"]] = ItemMarks(starredAt: row["starred_at"], rating: row["rating"])
            }
            return marks
        }
    }
}

/// Turning catalog rows into one person's views.
struct Viewing: Sendable {
    let catalog: Catalog

    /// The tracks with the marks of `userID` (nil: nobody's, as the command line sees them).
    func tracks(_ tracks: [Track], for userID: String?) async throws -> [TrackView] {
        let uncovered = tracks.filter { !$0.hasEmbeddedCover && $0.folderImage == nil && $0.artworkURL == nil }
        let covered = try await catalog.albumsWithCovers(uncovered.compactMap(\.albumID))
        let standIn = { (track: Track) in track.albumID.map(covered.contains) ?? false }
        guard let userID else { return tracks.map { TrackView(track: $0, albumHasCover: standIn($0)) } }
        let marks = try await catalog.trackMarks(userID: userID, trackIDs: tracks.map(\.id))
        return tracks.map { TrackView(track: $0, mine: marks[$0.id] ?? .none, albumHasCover: standIn($0)) }
    }

    func track(_ track: Track, for userID: String?) async throws -> TrackView {
        try await tracks([track], for: userID)[0]
    }

    func albums(_ albums: [Album], for userID: String) async throws -> [AlbumView] {
        let marks = try await catalog.itemMarks(userID: userID, kind: .album, ids: albums.map(\.id))
        return albums.map { AlbumView(album: $0, mine: marks[$0.id] ?? .none) }
    }

    func artists(_ artists: [Artist], for userID: String) async throws -> [ArtistView] {
        let marks = try await catalog.itemMarks(userID: userID, kind: .artist, ids: artists.map(\.id))
        return artists.map { ArtistView(artist: $0, mine: marks[$0.id] ?? .none) }
    }

    /// A page whose items are seen by `userID`.
    func page(_ page: Page<Track>, for userID: String?) async throws -> Page<TrackView> {
        Page(items: try await tracks(page.items, for: userID), total: page.total, limit: page.limit, offset: page.offset)
    }
}
