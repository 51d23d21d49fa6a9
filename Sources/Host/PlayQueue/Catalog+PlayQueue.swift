import Foundation
import GRDB

/// Play queues, one person's at a time (kept in `play_queues`).
extension Catalog {
    func playQueue(userID: String) async throws -> SavedPlayQueue? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT track_ids, current_index, position_ms, changed_at, changed_by FROM play_queues WHERE user_id = ?",
                arguments: [userID])
            else { return nil }
            let ids = try JSONDecoder().decode([String].self, from: Data((row["track_ids"] as String).utf8))
            return SavedPlayQueue(
                trackIDs: ids, currentIndex: row["current_index"], positionMilliseconds: row["position_ms"],
                changedAt: row["changed_at"], changedBy: row["changed_by"])
        }
    }

    /// Replaces the person's queue with `queue`, whose every track must be in the catalog
    /// (else nothing changes and the first unknown one is named).
    func savePlayQueue(_ queue: SavedPlayQueue, userID: String) async throws {
        let list = try Self.jsonList(queue.trackIDs)
        let distinct = try Self.jsonList(Array(Set(queue.trackIDs)))
        try await pool.write { db in
            let known = try Set(String.fetchAll(
                db, sql: "SELECT id FROM tracks WHERE id IN (SELECT value FROM json_each(?))", arguments: [distinct]))
            if let unknown = queue.trackIDs.first(where: { !known.contains($0) }) {
                throw HostError.notFound(kind: "track", id: unknown)
            }
            try db.execute(
                sql: """
                    INSERT INTO play_queues (user_id, track_ids, current_index, position_ms, changed_at, changed_by)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    ON CONFLICT (user_id) DO UPDATE SET
                        track_ids = excluded.track_ids, current_index = excluded.current_index,
                        position_ms = excluded.position_ms, changed_at = excluded.changed_at, changed_by = excluded.changed_by
                    """,
                arguments: [userID, list, queue.currentIndex, queue.positionMilliseconds, queue.changedAt, queue.changedBy])
        }
    }
}
