import Foundation
import GRDB
import SourceAPI

/// Lookups folder-browsing needs: every artist at once, when the library last changed, and
/// what an id names.
extension Catalog {
    /// Up to `limit` artists, by name.
    func allArtists(limit: Int) async throws -> [Artist] {
        try await pool.read { db in
            try Artist.fetchAll(db, sql: "SELECT * FROM artists ORDER BY name COLLATE NOCASE, id LIMIT ?", arguments: [limit])
        }
    }

    /// The latest time a library track was added or reread; nil for an empty library.
    func lastLibraryChange(librarySources: [ProviderID]) async throws -> Date? {
        let sources = try Self.jsonList(librarySources.map(\.rawValue))
        return try await pool.read { db in
            try Date.fetchOne(
                db, sql: "SELECT MAX(updated_at) FROM tracks WHERE source_type IN (SELECT value FROM json_each(?))",
                arguments: [sources])
        }
    }

    /// Whether `id` names an artist, an album or a track (of any source); nil when none.
    func kind(of id: String) async throws -> LibraryItemKind? {
        try await pool.read { db in
            let kind = try String.fetchOne(
                db,
                sql: """
                    SELECT CASE WHEN EXISTS (SELECT 1 FROM artists WHERE id = ?1) THEN 'artist'
                                WHEN EXISTS (SELECT 1 FROM albums WHERE id = ?1) THEN 'album'
                                WHEN EXISTS (SELECT 1 FROM tracks WHERE id = ?1) THEN 'track' END
                    """,
                arguments: [id])
            return kind.flatMap(LibraryItemKind.init(rawValue:))
        }
    }
}
