import Foundation
import GRDB
import SourceAPI

/// The SQLite catalog: tracks, albums, artists and the users' data, in WAL mode so that
/// reads never wait for a scan's writes.
final class Catalog: Sendable {
    let pool: DatabasePool
    /// Queries matching more tracks than this are not ranked by bm25 (see `search`).
    let rankedMatchLimit: Int
    /// The sessions signed-in requests used lately; every commit to `users` or `sessions`
    /// empties it (`LiveSessions`).
    let liveSessions = LiveSessions()
    /// The accounts phone apps signed in as lately, by the name or API key hash they sent;
    /// every commit to `users` or `subsonic_credentials` empties it (see `appAccount`).
    let appAccounts = CommitClearedCache<AppAccount>(tables: [User.databaseTableName, "subsonic_credentials"], capacity: 1024)
    /// Rows of recently read tracks (see `track(id:)`), emptied by every change to `tracks`.
    let trackCache: TrackCache

    /// Opens (creating if needed) the catalog file and brings its schema up to date.
    public init(path: URL, rankedMatchLimit: Int = 500, trackCache: TrackCache = TrackCache()) throws {
        self.rankedMatchLimit = rankedMatchLimit
        self.trackCache = trackCache
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "catalog"
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last
            // transactions, which the next scan or download redoes.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // SQLite creates its files with 0644 less the umask, and its WAL and shared-memory
        // files with the main file's mode: creating the main file 0600 first keeps all
        // three private (they hold emails and password hashes).
        try Self.createPrivately(path.path)
        do {
            pool = try DatabasePool(path: path.path, configuration: configuration)
            try CatalogMigrations.migrator.migrate(pool)
            // GRDB holds observers weakly; the catalog keeps these alive.
            pool.add(transactionObserver: liveSessions.cache)
            pool.add(transactionObserver: appAccounts)
            // The pool holds it weakly; the catalog keeps it alive.
            pool.add(transactionObserver: trackCache, extent: .observerLifetime)
        } catch let error as DatabaseError {
            throw HostError.unavailable(
                "cannot open the catalog \(path.path): \(error.message ?? error.description). "
                    + "Check that the db folder is writable and the disk is not full; restore a backup if the file is damaged")
        }
    }

    /// Frees the connections' page caches and closes the idle readers (the pool opens them
    /// again on demand); waits for the reads in progress.
    func releaseMemory() {
        pool.releaseMemory()
    }

    /// Creates the catalog file with mode 0600 if missing, and narrows the modes of an
    /// existing one and of its `-wal` and `-shm` companions to 0600.
    static func createPrivately(_ path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        for file in [path, path + "-wal", path + "-shm"] {
            try DataDirectory.makePrivate(file, mode: 0o600)
        }
    }

    // MARK: Tracks

    /// One track by id, from `trackCache` when it has the row.
    ///
    /// Through a cached statement: every stream and cover request runs this, and preparing
    /// `Track.fetchOne(db, key:)` afresh each time (GRDB's authorizer visits every column) was
    /// most of its cost, by perf.
    func track(id: String) async throws -> Track {
        if let cached = trackCache.track(id: id) { return cached }
        let generation = trackCache.generation
        let found = try await pool.read { db in
            try Track.fetchOne(db.cachedStatement(sql: "SELECT * FROM tracks WHERE id = ?"), arguments: [id])
        }
        guard let track = found else {
            throw HostError.notFound(kind: "track", id: id)
        }
        trackCache.keep(track, readUnder: generation)
        return track
    }

    /// A list of strings as one JSON array argument, read in SQL with `json_each(?)`: the SQL
    /// text stays fixed whatever the list's length, so its prepared statement is reused.
    static func jsonList(_ values: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }

    /// The catalogued tracks behind a list of provider references, keyed by reference.
    func tracks(for refs: [RemoteRef]) async throws -> [RemoteRef: Track] {
        guard !refs.isEmpty else { return [:] }
        let bySource = try Dictionary(grouping: refs, by: \.provider).mapValues { refs in try Self.jsonList(refs.map(\.id)) }
        return try await pool.read { db in
            var result: [RemoteRef: Track] = [:]
            for (source, idList) in bySource {
                // The ids go in as one JSON array, so the SQL text is fixed and its prepared
                // statement reused: every search runs this.
                let tracks = try Track.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT * FROM tracks
                        WHERE source_type = ? AND remote_id IN (SELECT value FROM json_each(?))
                        """),
                    arguments: [source.rawValue, idList])
                for track in tracks { result[track.ref] = track }
            }
            return result
        }
    }

    /// Full-text search over one source's tracks: every word of `text` must prefix-match a
    /// word of the title, artist, album, album artist or genre. Any text is accepted: FTS
    /// syntax characters are searched as plain words.
    ///
    /// Ranking every match with bm25 costs time in proportion to the matches (tens of ms for
    /// a word in 40,000 titles), so only a query with few matches is ranked that way. A broad
    /// one lists title matches first, then the others, each in catalog order: FTS5 returns
    /// those lazily, so the page costs the same however many tracks match.
    func search(_ text: String, source: ProviderID, limit: Int, offset: Int) async throws -> [Track] {
        guard let any = PrefixPattern.allPrefixes(of: text) else { return [] }
        let rankedMatchLimit = self.rankedMatchLimit
        return try await pool.read { db in
            // Cached statements: a search runs a few fixed SQL texts, and preparing them
            // each time costs more than running them.
            let matches = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM tracks_fts WHERE tracks_fts MATCH ? LIMIT ?)"),
                arguments: [any, rankedMatchLimit + 1]) ?? 0
            if matches <= rankedMatchLimit {
                // CROSS JOIN keeps the FTS table as the outer loop: SQLite may otherwise walk
                // every track of the source and probe the index for each.
                return try Track.fetchAll(
                    db.cachedStatement(sql: """
                        SELECT tracks.* FROM (
                            SELECT rowid, bm25(tracks_fts, 10.0, 6.0, 4.0, 3.0, 1.0) AS score
                            FROM tracks_fts WHERE tracks_fts MATCH ?
                        ) AS hits CROSS JOIN tracks ON tracks.rowid = hits.rowid
                        WHERE tracks.source_type = ?
                        ORDER BY hits.score, tracks.title, tracks.id
                        LIMIT ? OFFSET ?
                        """),
                    arguments: [any, source.rawValue, limit, offset])
            }
            let inTitle = "title : (\(any))"
            let elsewhere = "(\(any)) NOT (title : (\(any)))"
            let titleCount = try Self.countMatches(db, inTitle, source: source, upTo: offset + limit)
            var page = try Self.matches(db, inTitle, source: source, limit: limit, offset: offset)
            if titleCount < offset + limit {
                page += try Self.matches(db, elsewhere, source: source, limit: limit - page.count, offset: max(0, offset - titleCount))
            }
            return page
        }
    }

    private static func matches(_ db: Database, _ pattern: String, source: ProviderID, limit: Int, offset: Int) throws -> [Track] {
        guard limit > 0 else { return [] }
        return try Track.fetchAll(
            db.cachedStatement(sql: """
                SELECT tracks.* FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                WHERE tracks_fts MATCH ? AND tracks.source_type = ? LIMIT ? OFFSET ?
                """),
            arguments: [pattern, source.rawValue, limit, offset])
    }

    private static func countMatches(_ db: Database, _ pattern: String, source: ProviderID, upTo bound: Int) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: """
                SELECT count(*) FROM (
                    SELECT 1 FROM tracks_fts CROSS JOIN tracks ON tracks.rowid = tracks_fts.rowid
                    WHERE tracks_fts MATCH ? AND tracks.source_type = ? LIMIT ?)
                """),
            arguments: [pattern, source.rawValue, bound]) ?? 0
    }

    // MARK: Browse

    /// The SQL order of albums for a sort (columns of `albums`, qualified by `table`).
    static func albumOrder(_ sort: AlbumSort, table: String = "albums") -> String {
        switch sort {
        case .name: "\(table).name COLLATE NOCASE, \(table).id"
        case .year: "\(table).year IS NULL, \(table).year DESC, \(table).name COLLATE NOCASE, \(table).id"
        case .recent: "\(table).added_at DESC, \(table).name COLLATE NOCASE, \(table).id"
        }
    }

    /// A track's place within its album (also the order of an album page).
    static let inAlbumOrder = "COALESCE(tracks.disc_number, 1), tracks.track_number IS NULL, tracks.track_number, tracks.title"

    func albums(sort: AlbumSort, limit: Int, offset: Int) async throws -> Page<Album> {
        let order = Self.albumOrder(sort)
        return try await pool.read { db in
            let items = try Album.fetchAll(
                db, sql: "SELECT * FROM albums ORDER BY \(order) LIMIT ? OFFSET ?", arguments: [limit, offset])
            let total = try Album.fetchCount(db)
            return Page(items: items, total: total, limit: limit, offset: offset)
        }
    }

    /// An album and its tracks in disc and track order.
    func album(id: String) async throws -> (album: Album, tracks: [Track]) {
        let found = try await pool.read { db -> (Album, [Track])? in
            guard let album = try Album.fetchOne(db, key: id) else { return nil }
            let tracks = try Track.fetchAll(
                db,
                sql: "SELECT * FROM tracks WHERE album_id = ? ORDER BY \(Self.inAlbumOrder)",
                arguments: [id])
            return (album, tracks)
        }
        guard let found else { throw HostError.notFound(kind: "album", id: id) }
        return found
    }

    /// The tracks on this server (library files and cached downloads), album by album in
    /// the albums' order and each album in disc and track order, tracks with no album last;
    /// or by title. One page of the library's track list.
    func tracks(sort: TrackSort, limit: Int, offset: Int) async throws -> Page<Track> {
        let order = switch sort {
        case .albums(let albumSort): "albums.id IS NULL, \(Self.albumOrder(albumSort)), \(Self.inAlbumOrder), tracks.id"
        case .title: "tracks.title COLLATE NOCASE, tracks.artist COLLATE NOCASE, tracks.id"
        }
        return try await pool.read { db in
            let items = try Track.fetchAll(
                db,
                sql: """
                    SELECT tracks.* FROM tracks LEFT JOIN albums ON albums.id = tracks.album_id
                    WHERE tracks.is_cached ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: [limit, offset])
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tracks WHERE is_cached") ?? 0
            return Page(items: items, total: total, limit: limit, offset: offset)
        }
    }

    func artists(limit: Int, offset: Int) async throws -> Page<Artist> {
        try await pool.read { db in
            let items = try Artist.fetchAll(
                db, sql: "SELECT * FROM artists ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
                arguments: [limit, offset])
            return Page(items: items, total: try Artist.fetchCount(db), limit: limit, offset: offset)
        }
    }

    /// An artist and their albums, newest first.
    func artist(id: String) async throws -> (artist: Artist, albums: [Album]) {
        let found = try await pool.read { db -> (Artist, [Album])? in
            guard let artist = try Artist.fetchOne(db, key: id) else { return nil }
            let albums = try Album.fetchAll(
                db, sql: "SELECT * FROM albums WHERE artist_id = ? ORDER BY year IS NULL, year DESC, name",
                arguments: [id])
            return (artist, albums)
        }
        guard let found else { throw HostError.notFound(kind: "artist", id: id) }
        return found
    }

    // MARK: Figures

    /// Counts and sizes for the storage report.
    func totals(librarySources: [ProviderID]) async throws -> CatalogTotals {
        let sources = librarySources.map(\.rawValue)
        return try await pool.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS tracks, COALESCE(SUM(file_size), 0) AS bytes FROM tracks
                    WHERE source_type IN (\(databaseQuestionMarks(count: max(sources.count, 1))))
                    """,
                arguments: StatementArguments(sources.isEmpty ? [""] : sources))
            return CatalogTotals(
                libraryTracks: row?["tracks"] ?? 0, libraryBytes: row?["bytes"] ?? 0,
                albums: try Album.fetchCount(db), artists: try Artist.fetchCount(db),
                allTracks: try Track.fetchCount(db),
                cachedRemoteTracks: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tracks WHERE cached_at IS NOT NULL") ?? 0,
                users: try User.fetchCount(db), playlists: try Playlist.fetchCount(db))
        }
    }
}

/// What the catalog holds, in numbers.
public struct CatalogTotals: Sendable, Codable {
    public var libraryTracks: Int
    public var libraryBytes: Int64
    public var albums: Int
    public var artists: Int
    public var allTracks: Int
    public var cachedRemoteTracks: Int
    public var users: Int
    public var playlists: Int
}

extension Catalog: LibraryIndex {
    func search(_ query: SearchQuery, in provider: ProviderID) async throws -> [TrackCandidate] {
        try await search(query.text, source: provider, limit: query.limit, offset: query.offset)
            .map { TrackCandidate(ref: $0.ref, metadata: $0.metadata, artworkURL: $0.artworkURL) }
    }
}
