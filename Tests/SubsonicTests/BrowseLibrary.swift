import Foundation
import GRDB
@testable import Host
import SourceAPI
import TestSupport
import Testing

/// A small library made of real tagged tones, scanned album by album (so each album has its
/// own added time), with two accounts whose plays, likes, stars and ratings differ, and a
/// remote source whose one song is known from a search. The server runs on loopback.
///
/// | album (added in this order)          | artist       | year | genre   | tracks               |
/// | Kind of Blue                         | Miles Davis  | 1959 | Jazz    | So What 1, Freddie Freeloader 2 |
/// | Abbey Road                           | The Beatles  | 1969 | Rock    | Come Together 1, Something 2, Here Comes the Sun 7 |
/// | Non, je ne regrette rien             | Édith Piaf   | 1960 | Chanson | Non, je ne regrette rien 1 |
/// | Blue Train                           | John Coltrane| 1957 | Jazz    | Blue Train 1, Moment's Notice 2 |
/// | Me Against the World                 | 2Pac         | 1995 | Hip-Hop | Dear Mama 1 |
/// | Let It Be                            | The Beatles  | 1970 | rock    | Two of Us 1, Let It Be 6 |
/// | Rumours                              | Fleetwood Mac| 1977 | Rock    | Dreams 2 |
struct BrowseLibrary: Sendable {
    let test: TestHost
    let server: TestServer
    let ada: User
    let bob: User
    /// Track ids by title, album ids and artist ids by name.
    let tracks: [String: String]
    let albums: [String: String]
    let artists: [String: String]
    /// The remote source's song, known from a search.
    let remoteTrack: String

    static let password = "a long enough password"
    static let albumsInOrderAdded: [(album: String, artist: String, year: Int, genre: String, songs: [(String, Int)])] = [
        ("Kind of Blue", "Miles Davis", 1959, "Jazz", [("So What", 1), ("Freddie Freeloader", 2)]),
        ("Abbey Road", "The Beatles", 1969, "Rock", [("Come Together", 1), ("Something", 2), ("Here Comes the Sun", 7)]),
        ("Non, je ne regrette rien", "Édith Piaf", 1960, "Chanson", [("Non, je ne regrette rien", 1)]),
        ("Blue Train", "John Coltrane", 1957, "Jazz", [("Blue Train", 1), ("Moment's Notice", 2)]),
        ("Me Against the World", "2Pac", 1995, "Hip-Hop", [("Dear Mama", 1)]),
        ("Let It Be", "The Beatles", 1970, "rock", [("Two of Us", 1), ("Let It Be", 6)]),
        ("Rumours", "Fleetwood Mac", 1977, "Rock", [("Dreams", 2)]),
    ]
    static var libraryTrackCount: Int { albumsInOrderAdded.reduce(0) { $0 + $1.songs.count } }

    /// Builds the library and the accounts' marks, and runs `body` against the live server.
    static func run(
        label: String, marks: Bool = true,
        _ body: @Sendable (BrowseLibrary, _ ada: SubsonicTestClient, _ bob: SubsonicTestClient) async throws -> Void
    ) async throws {
        var registry = TestHost.registry()
        registry.register("CannedRemote") { id, _, _ in CannedRemoteProvider(id: id) }
        let test = try TestHost(
            plugins: """
                {"providers": [
                  {"id": "local", "type": "LocalFiles", "options": {"watch": false, "rescan_interval_minutes": 0}},
                  {"id": "tube", "type": "CannedRemote"}]}
                """,
            registry: registry, label: label)
        var frequency = 300
        for (index, album) in albumsInOrderAdded.enumerated() {
            for (title, number) in album.songs {
                frequency += 20
                try await test.addTrack(
                    "\(index) \(album.album)/\(number) \(title).mp3",
                    tags: [
                        "title": title, "artist": album.artist, "album_artist": album.artist, "album": album.album,
                        "date": "\(album.year)", "genre": album.genre, "track": "\(number)",
                    ],
                    frequency: frequency)
            }
            // Added times are the scan's: one scan per album orders them.
            let scan = await test.scan()
            try #require(scan.failed == 0, "scan failed: \(scan.problems)")
            try await Task.sleep(for: .milliseconds(5))
        }
        let search = try await test.host.search.search("something", limit: 10, offset: 0, sources: ["tube"])
        let remote = try #require(search.tracks.first { $0.sourceType == "tube" }, "the remote song was not catalogued")

        let server = try await TestServer(host: test.host)
        let ada = try await server.accounts.create(email: "ada@example.org", password: password, role: nil)
        let bob = try await server.accounts.create(email: "bob@example.org", password: password, role: nil)
        let rows = try await test.host.catalog.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, title, album_id, album, artist_id, artist FROM tracks WHERE source_type = 'local'")
        }
        var tracks: [String: String] = [:]
        var albums: [String: String] = [:]
        var artists: [String: String] = [:]
        for row in rows {
            tracks[row["title"]] = row["id"]
            albums[row["album"]] = row["album_id"]
            artists[row["artist"]] = row["artist_id"]
        }
        let library = BrowseLibrary(
            test: test, server: server, ada: ada, bob: bob, tracks: tracks, albums: albums, artists: artists,
            remoteTrack: remote.id)
        if marks { try await library.mark() }
        try await server.run { session in
            try await body(
                library,
                SubsonicTestClient(client: session.anonymous, credentials: [("u", ada.email), ("p", password)]),
                SubsonicTestClient(client: session.anonymous, credentials: [("u", bob.email), ("p", password)]))
        }
    }

    /// A fixed moment the plays and stars are placed around.
    static let base = Date(timeIntervalSince1970: 1_700_000_000)

    /// The accounts' listening and marks (see each list's test for the orders they make).
    func mark() async throws {
        let personal = test.host.personal
        let minute: TimeInterval = 60
        for step in 1...3 { try await personal.recordPlay(trackID: track("Blue Train"), by: ada, at: Self.base + Double(step) * minute) }
        try await personal.recordPlay(trackID: track("Non, je ne regrette rien"), by: ada, at: Self.base + 5 * minute)
        try await personal.recordPlay(trackID: track("Something"), by: ada, at: Self.base + 10 * minute)
        for step in 20..<25 { try await personal.recordPlay(trackID: track("So What"), by: bob, at: Self.base + Double(step) * minute) }
        for step in 30..<32 { try await personal.recordPlay(trackID: track("Here Comes the Sun"), by: bob, at: Self.base + Double(step) * minute) }
        try await personal.setLiked(true, trackID: track("Dreams"), by: ada)

        try await star(.album, album("Kind of Blue"), by: ada, at: Self.base + 3600)
        try await star(.album, album("Non, je ne regrette rien"), by: ada, at: Self.base + 7200)
        try await star(.album, album("Rumours"), by: bob, at: Self.base + 3600)
        try await star(.artist, artist("The Beatles"), by: ada, at: Self.base + 3600)
        try await rate(.album, album("Abbey Road"), 3, by: ada)
        try await rate(.album, album("Me Against the World"), 5, by: ada)
        try await rate(.album, album("Blue Train"), 4, by: ada)
        try await rate(.album, album("Let It Be"), 5, by: bob)
        try await rateTrack(track("Dear Mama"), 4, by: ada)
    }

    func track(_ title: String) throws -> String { try #require(tracks[title], "no track \(title)") }
    func album(_ name: String) throws -> String { try #require(albums[name], "no album \(name)") }
    func artist(_ name: String) throws -> String { try #require(artists[name], "no artist \(name)") }

    // Album and artist stars and ratings are written into the real catalog's `user_marks`
    // rows: the Host service that records them (Subsonic's star/setRating) belongs to the
    // annotation methods, which land separately. The rows are those that service writes.
    func star(_ kind: MarkedKind, _ id: String, by user: User, at time: Date) async throws {
        try await test.host.catalog.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user_marks (user_id, kind, item_id, starred_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, kind, item_id) DO UPDATE SET starred_at = excluded.starred_at
                    """,
                arguments: [user.id, kind.rawValue, id, time])
        }
    }

    func rate(_ kind: MarkedKind, _ id: String, _ rating: Int, by user: User) async throws {
        try await test.host.catalog.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user_marks (user_id, kind, item_id, rating) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, kind, item_id) DO UPDATE SET rating = excluded.rating
                    """,
                arguments: [user.id, kind.rawValue, id, rating])
        }
    }

    func rateTrack(_ id: String, _ rating: Int, by user: User) async throws {
        try await test.host.catalog.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO user_activity (user_id, track_id, rating) VALUES (?, ?, ?)
                    ON CONFLICT (user_id, track_id) DO UPDATE SET rating = excluded.rating
                    """,
                arguments: [user.id, id, rating])
        }
    }
}

/// A remote source (a stand-in for YouTube, which needs the internet) whose search finds one
/// song by an artist of the library, in a genre of the library.
struct CannedRemoteProvider: SourceProvider {
    let id: ProviderID
    let capabilities: ProviderCapabilities = [.search, .remote]
    var displayName: String { "Tube" }

    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        [TrackCandidate(
            ref: RemoteRef(provider: id, id: "cover-1"),
            metadata: TrackMetadata(title: "Something (cover)", artist: "The Beatles", album: "Abbey Road", genre: "Rock", year: 2020, duration: 180))]
    }

    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { throw ProviderError.notFound(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { throw ProviderError.notFound(ref) }
}

/// Names and ids out of answers.
extension [[String: Any]] {
    func strings(_ key: String) -> [String] { compactMap { $0[key] as? String } }
}

extension [String: Any] {
    /// The array at `path` (objects down to the last key), [] when absent.
    func list(_ path: String...) -> [[String: Any]] {
        var current: Any? = self
        for key in path.dropLast() { current = (current as? [String: Any])?[key] }
        return ((current as? [String: Any])?[path.last ?? ""] as? [[String: Any]]) ?? []
    }

    func object(_ path: String...) -> [String: Any]? {
        var current: Any? = self
        for key in path { current = (current as? [String: Any])?[key] }
        return current as? [String: Any]
    }
}
