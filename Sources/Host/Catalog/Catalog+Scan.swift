import Foundation
import GRDB
import SourceAPI

/// What the catalog remembers of a library file, to decide whether a rescan must open it.
struct ScanStamp: Sendable {
    var id: String
    var size: Int64
    var modifiedNanoseconds: Int64
    var folderImage: String?
    /// The file failed its last reading: unchanged, it still counts as failed.
    var unplayable: Bool
}

/// What a content match needs to recognise a moved file: same size, length and tags.
struct MoveKey: Hashable, Sendable {
    var size: Int64
    var duration: Int?
    var title: String
    var artist: String?
    var album: String?
}

/// One change a scan writes.
enum ScanWrite: Sendable {
    case insert(TrackMetadata, LibraryEntry)
    /// A changed file, or a moved one (then the entry's path is the new one).
    case update(id: String, TrackMetadata, LibraryEntry)
    /// Only the folder's cover image changed.
    case folderImage(id: String, String?)
    case failure(LibraryEntry, reason: String)
    /// A catalogued file changed and can no longer be read: the track stays (with its id,
    /// playlists and likes) but is not played; its stamp becomes the new file's, so the
    /// file is not reopened until it changes again.
    case unplayable(id: String, LibraryEntry, reason: String)
}

extension Catalog {
    /// Path -> stamp of every catalogued file of `source`, or of those in `scopes`.
    func scanStamps(source: ProviderID, within scopes: [LibraryScope]? = nil) async throws -> [String: ScanStamp] {
        try await pool.read { db in
            var stamps: [String: ScanStamp] = [:]
            // Columns by position, not by name: this runs for every file of the library.
            let select = """
                SELECT id, remote_id, file_size, file_mtime_ns, folder_image, unplayable_reason IS NOT NULL
                FROM tracks WHERE source_type = ?
                """
            func collect(_ sql: String, _ arguments: StatementArguments, keeping scope: LibraryScope?) throws {
                let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
                while let row = try rows.next() {
                    let path: String = row[1]
                    if let scope, !scope.contains(path) { continue }
                    stamps[path] = ScanStamp(
                        id: row[0], size: row[2] ?? -1, modifiedNanoseconds: row[3] ?? -1, folderImage: row[4], unplayable: row[5])
                }
            }
            guard let scopes else {
                stamps.reserveCapacity(try Int.fetchOne(db, sql: "SELECT count(*) FROM tracks WHERE source_type = ?", arguments: [source.rawValue]) ?? 0)
                try collect(select, [source.rawValue], keeping: nil)
                return stamps
            }
            for scope in scopes {
                if scope.folder.isEmpty {
                    try collect(select, [source.rawValue], keeping: scope)
                } else {
                    // The paths below "folder/" are those from "folder/" up to "folder0" ("0"
                    // follows "/"), a range of the (source_type, remote_id) index.
                    try collect(
                        select + " AND remote_id >= ? AND remote_id < ?",
                        [source.rawValue, scope.folder + "/", scope.folder + "0"], keeping: scope)
                }
            }
            return stamps
        }
    }

    /// Path -> (size, mtime) of files that failed to read last time (of those in `scopes`).
    func failureStamps(source: ProviderID, within scopes: [LibraryScope]? = nil) async throws -> [String: (size: Int64, modified: Int64)] {
        try await pool.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, file_size, file_mtime_ns FROM scan_failures WHERE source_type = ?",
                arguments: [source.rawValue])
            var stamps: [String: (Int64, Int64)] = [:]
            while let row = try rows.next() {
                let path: String = row[0]
                if let scopes, !scopes.contains(where: { $0.contains(path) }) { continue }
                stamps[path] = (row[1], row[2])
            }
            return stamps
        }
    }

    /// Move keys of the given tracks, for recognising them at a new path.
    func moveKeys(ids: [String]) async throws -> [MoveKey: [String]] {
        guard !ids.isEmpty else { return [:] }
        return try await pool.read { db in
            var keys: [MoveKey: [String]] = [:]
            for chunk in ids.chunked(into: 500) {
                for track in try Track.filter(keys: chunk).fetchAll(db) {
                    keys[MoveKey(track), default: []].append(track.id)
                }
            }
            return keys
        }
    }

    /// Writes one batch of scan results in a single transaction.
    /// Writes a batch of a scan's changes; answers the albums and artists they touched.
    @discardableResult
    func applyScanWrites(_ writes: [ScanWrite], source: ProviderID) async throws -> TouchedGroups {
        guard !writes.isEmpty else { return TouchedGroups() }
        let now = Date()
        return try await pool.write { db in
            var readPaths: [String] = []
            var touched = TouchedGroups()
            for write in writes {
                switch write {
                case .insert(let metadata, let entry):
                    let track = Track(newFrom: metadata, entry: entry, source: source, now: now)
                    try Self.insertRow(track, db)
                    touched.add(album: track.albumID, artist: track.artistID)
                    readPaths.append(entry.path)
                case .update(let id, let metadata, let entry):
                    guard var track = try Track.fetchOne(db, key: id) else { continue }
                    touched.add(album: track.albumID, artist: track.artistID)
                    track.apply(metadata, entry: entry, now: now)
                    try track.update(db)
                    touched.add(album: track.albumID, artist: track.artistID)
                    readPaths.append(entry.path)
                case .folderImage(let id, let image):
                    // updated_at versions the cover (its ETag and thumbnail names): a new
                    // folder image is a new cover, and maybe its album's.
                    try db.execute(
                        sql: "UPDATE tracks SET folder_image = ?, updated_at = ? WHERE id = ?", arguments: [image, now, id])
                    touched.add(album: try String.fetchOne(db, sql: "SELECT album_id FROM tracks WHERE id = ?", arguments: [id]), artist: nil)
                case .failure(let entry, let reason):
                    try Self.recordFailure(db, source: source, entry: entry, reason: reason)
                case .unplayable(let id, let entry, let reason):
                    try db.execute(
                        sql: "UPDATE tracks SET unplayable_reason = ?, file_size = ?, file_mtime_ns = ?, updated_at = ? WHERE id = ?",
                        arguments: [reason, entry.size, entry.modifiedNanoseconds, now, id])
                    try Self.recordFailure(db, source: source, entry: entry, reason: reason)
                }
            }
            // Files that read well now are no longer failures (one statement per batch, and
            // none at all in the usual case of no failures).
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM scan_failures WHERE source_type = ?)", arguments: [source.rawValue]) == true {
                for path in readPaths { try Self.clearFailure(db, source: source, path: path) }
            }
            return touched
        }
    }

    /// Removes tracks whose files are gone, and the failures recorded at `failedPaths` (files
    /// that are gone too); answers the albums and artists of the removed tracks.
    @discardableResult
    func removeTracks(ids: [String], source: ProviderID, clearingFailuresAt failedPaths: [String]) async throws -> TouchedGroups {
        guard !ids.isEmpty || !failedPaths.isEmpty else { return TouchedGroups() }
        return try await pool.write { db in
            var touched = TouchedGroups()
            for chunk in ids.chunked(into: 500) {
                let rows = try Row.fetchAll(
                    db, sql: "SELECT album_id, artist_id FROM tracks WHERE id IN (\(databaseQuestionMarks(count: chunk.count)))",
                    arguments: StatementArguments(Array(chunk)))
                for row in rows { touched.add(album: row["album_id"], artist: row["artist_id"]) }
                _ = try Track.deleteAll(db, keys: chunk)
            }
            for path in failedPaths {
                try Self.clearFailure(db, source: source, path: path)
            }
            return touched
        }
    }

    /// Rebuilds `albums` and `artists` from the tracks of the library sources: every row,
    /// or (`only`) the rows of those albums and artists, which is what an incremental scan
    /// changed; each is computed from all of its tracks either way, so both give the same
    /// rows. Past `wholeRebuildThreshold` ids, rebuilding everything is as cheap.
    func refreshAlbumsAndArtists(librarySources: [ProviderID], only touched: TouchedGroups? = nil) async throws {
        if let touched, touched.isEmpty { return }
        let whole = touched.map { $0.albumIDs.count + $0.artistIDs.count > Self.wholeRebuildThreshold } ?? true
        let sources = librarySources.map(\.rawValue)
        let marks = databaseQuestionMarks(count: max(sources.count, 1))
        let sourceArguments = StatementArguments(sources.isEmpty ? [""] : sources)
        try await pool.write { db in
            if whole {
                try db.execute(sql: "DELETE FROM albums")
                try db.execute(sql: Self.albumRowsSQL(marks: marks, only: nil), arguments: sourceArguments)
                try db.execute(sql: "DELETE FROM artists")
                try db.execute(sql: Self.artistRowsSQL(marks: marks, only: nil), arguments: sourceArguments)
                return
            }
            guard let touched else { return }
            for chunk in Array(touched.albumIDs).chunked(into: 500) {
                let ids = StatementArguments(Array(chunk))
                let list = databaseQuestionMarks(count: chunk.count)
                try db.execute(sql: "DELETE FROM albums WHERE id IN (\(list))", arguments: ids)
                try db.execute(sql: Self.albumRowsSQL(marks: marks, only: list), arguments: sourceArguments + ids)
            }
            for chunk in Array(touched.artistIDs).chunked(into: 500) {
                let ids = StatementArguments(Array(chunk))
                let list = databaseQuestionMarks(count: chunk.count)
                try db.execute(sql: "DELETE FROM artists WHERE id IN (\(list))", arguments: ids)
                try db.execute(sql: Self.artistRowsSQL(marks: marks, only: list), arguments: sourceArguments + ids)
            }
        }
    }

    /// Touched albums and artists above which the whole tables are rebuilt.
    static let wholeRebuildThreshold = 5_000

    private static func albumRowsSQL(marks: String, only list: String?) -> String {
        """
        INSERT INTO albums (id, name, artist, artist_id, year, genre, track_count, duration, cover_track_id, added_at)
        SELECT t.album_id, MIN(t.album), COALESCE(MIN(t.album_artist), MIN(t.artist)), MIN(t.artist_id),
               MAX(t.year), MIN(t.genre), COUNT(*), COALESCE(SUM(t.duration), 0),
               (SELECT c.id FROM tracks c
                WHERE c.album_id = t.album_id AND (c.has_embedded_cover OR c.folder_image IS NOT NULL)
                ORDER BY COALESCE(c.disc_number, 1), c.track_number LIMIT 1),
               MIN(t.added_at)
        FROM tracks t
        WHERE t.album_id IS NOT NULL AND t.source_type IN (\(marks))\(list.map { " AND t.album_id IN (\($0))" } ?? "")
        GROUP BY t.album_id
        """
    }

    private static func artistRowsSQL(marks: String, only list: String?) -> String {
        """
        INSERT INTO artists (id, name, album_count, track_count)
        SELECT artist_id, COALESCE(MIN(album_artist), MIN(artist), 'Unknown Artist'),
               COUNT(DISTINCT album_id), COUNT(*)
        FROM tracks WHERE artist_id IS NOT NULL AND source_type IN (\(marks))\(list.map { " AND artist_id IN (\($0))" } ?? "")
        GROUP BY artist_id
        """
    }

    /// Files that failed to read, for the scan report.
    func scanFailures(limit: Int = 100) async throws -> [ScanFailure] {
        try await pool.read { db in
            try ScanFailure.fetchAll(
                db, sql: "SELECT source_type, path, reason FROM scan_failures ORDER BY path LIMIT ?", arguments: [limit])
        }
    }

    /// Inserts a track with one cached statement: a first scan inserts thousands, and the
    /// record's Codable encoding costs more than SQLite's own work.
    private static func insertRow(_ track: Track, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO tracks (id, title, artist, album, source_type, remote_id, local_path, is_cached, duration,
                added_at, album_artist, genre, year, track_number, disc_number, bitrate, format, file_size,
                file_mtime_ns, has_embedded_cover, folder_image, artwork_url, album_id, artist_id, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let values: [(any DatabaseValueConvertible)?] = [
            track.id, track.title, track.artist, track.album, track.sourceType, track.remoteID, track.localPath,
            track.isCached, track.duration, track.addedAt, track.albumArtist, track.genre, track.year, track.trackNumber,
            track.discNumber, track.bitrate, track.format, track.fileSize, track.fileMtimeNs, track.hasEmbeddedCover,
            track.folderImage, track.artworkURL, track.albumID, track.artistID, track.updatedAt,
        ]
        try statement.execute(arguments: StatementArguments(values))
    }

    private static func recordFailure(_ db: Database, source: ProviderID, entry: LibraryEntry, reason: String) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO scan_failures (source_type, path, file_size, file_mtime_ns, reason)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [source.rawValue, entry.path, entry.size, entry.modifiedNanoseconds, reason])
    }

    private static func clearFailure(_ db: Database, source: ProviderID, path: String) throws {
        try db.execute(
            sql: "DELETE FROM scan_failures WHERE source_type = ? AND path = ?", arguments: [source.rawValue, path])
    }
}

/// A library file the scanner could not read, and why.
public struct ScanFailure: Codable, Sendable, FetchableRecord {
    public var source: String
    public var path: String
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case source = "source_type", path, reason
    }
}

extension MoveKey {
    init(_ track: Track) {
        self.init(size: track.fileSize ?? -1, duration: track.duration, title: track.title, artist: track.artist, album: track.album)
    }

    init(_ metadata: TrackMetadata, entry: LibraryEntry) {
        self.init(
            size: entry.size, duration: metadata.duration.map { Int($0.rounded()) }, title: metadata.title,
            artist: metadata.artist, album: metadata.album)
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
