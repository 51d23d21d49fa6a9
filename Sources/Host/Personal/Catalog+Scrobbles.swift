import Foundation
import GRDB

/// Plays that apps report, often several at once (the plays made offline, sent when the
/// phone is back online).
extension Catalog {
    /// Records each play of a known track in one transaction; answers the ids that name no
    /// track, which are skipped.
    func recordPlays(_ plays: [(trackID: String, time: Date)], userID: String) async throws -> [String] {
        try await pool.write { db in
            var unknown: [String] = []
            for play in plays {
                guard try Track.exists(db, key: play.trackID) else {
                    unknown.append(play.trackID)
                    continue
                }
                try Self.recordPlay(db, trackID: play.trackID, userID: userID, at: play.time)
            }
            return unknown
        }
    }

    /// The tracks with these ids, by id (unknown ids are absent).
    func tracks(ids: [String]) async throws -> [String: Track] {
        guard !ids.isEmpty else { return [:] }
        let list = try Self.jsonList(ids)
        return try await pool.read { db in
            let tracks = try Track.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM tracks WHERE id IN (SELECT value FROM json_each(?))"), arguments: [list])
            return Dictionary(tracks.map { ($0.id, $0) }) { first, _ in first }
        }
    }
}
