import Foundation
import GRDB
@testable import Host
import TestSupport
import Testing

/// After an incremental scan only the albums and artists its changes touched are rebuilt,
/// and they come out as a full rebuild would make them.
@Suite("Albums and artists after an incremental scan")
struct IncrementalAlbumsTests {
    /// Every album and artist row, to compare with what a full rebuild makes.
    struct Tables: Equatable, Sendable {
        typealias Record = [String: DatabaseValue]
        var albums: [Record]
        var artists: [Record]
    }

    static func tables(_ test: TestHost) async throws -> Tables {
        try await test.host.catalog.pool.read { db in
            func records(_ sql: String) throws -> [Tables.Record] {
                try Row.fetchAll(db, sql: sql).map { row in
                    Dictionary(uniqueKeysWithValues: row.map { ($0.0, $0.1) })
                }
            }
            return Tables(
                albums: try records("SELECT * FROM albums ORDER BY id"), artists: try records("SELECT * FROM artists ORDER BY id"))
        }
    }

    /// Marks a row that no rebuild would make: a rebuilt row loses the mark.
    static func mark(_ test: TestHost, album name: String) async throws {
        try await test.host.catalog.pool.write { db in
            try db.execute(sql: "UPDATE albums SET genre = 'untouched' WHERE name = ?", arguments: [name])
        }
    }

    static func genre(_ test: TestHost, album name: String) async throws -> String? {
        try await test.host.catalog.pool.read { db in
            try String.fetchOne(db, sql: "SELECT genre FROM albums WHERE name = ?", arguments: [name])
        }
    }

    static func rebuiltInFull(_ test: TestHost) async throws -> Tables {
        try await test.host.catalog.refreshAlbumsAndArtists(librarySources: ["local"])
        return try await tables(test)
    }

    @Test("a new album is added without rebuilding the others, and the rows equal a full rebuild's")
    func addedAlbum() async throws {
        let test = try TestHost(label: "incremental-add")
        try await test.addTrack("Ada/First/01 - One.mp3", tags: ["title": "One", "artist": "Ada", "album": "First", "genre": "Jazz"])
        try await test.addTrack("Bob/Second/01 - Two.mp3", tags: ["title": "Two", "artist": "Bob", "album": "Second", "genre": "Rock"])
        await test.scan()
        try await Self.mark(test, album: "Second")

        try await test.addTrack("Ada/Third/01 - Three.mp3", tags: ["title": "Three", "artist": "Ada", "album": "Third", "genre": "Jazz"])
        let result = await test.scan()
        #expect(result.added == 1)
        #expect(try await Self.genre(test, album: "Second") == "untouched", "an album the scan did not touch was rebuilt")
        let afterScan = try await Self.tables(test)
        let ada = try #require(afterScan.artists.first { String.fromDatabaseValue($0["name"] ?? .null) == "Ada" })
        #expect(Int.fromDatabaseValue(ada["album_count"] ?? .null) == 2, "the artist of the new album was refreshed")
        #expect(afterScan.albums.contains { String.fromDatabaseValue($0["name"] ?? .null) == "Third" })

        try await test.host.catalog.pool.write { db in
            try db.execute(sql: "UPDATE albums SET genre = 'Rock' WHERE name = 'Second'")
        }
        #expect(try await Self.tables(test) == Self.rebuiltInFull(test), "the incremental rows differ from a full rebuild")
    }

    @Test("a track moved to another album, and a removed album, update both albums and their artists")
    func changedAndRemoved() async throws {
        let test = try TestHost(label: "incremental-change")
        try await test.addTrack("Ada/First/01 - One.mp3", tags: ["title": "One", "artist": "Ada", "album": "First"])
        let moving = try await test.addTrack("Ada/First/02 - Two.mp3", tags: ["title": "Two", "artist": "Ada", "album": "First"])
        let gone = try await test.addTrack("Cy/Gone/01 - Bye.mp3", tags: ["title": "Bye", "artist": "Cy", "album": "Gone"])
        try await test.addTrack("Bob/Kept/01 - Stay.mp3", tags: ["title": "Stay", "artist": "Bob", "album": "Kept"])
        await test.scan()
        try await Self.mark(test, album: "Kept")

        // Retagged into a new album by a new artist (a different length, so the file is reread).
        try FileManager.default.removeItem(at: moving)
        try await AudioFixtures.tone(at: moving, seconds: 2, tags: ["title": "Two", "artist": "Dee", "album": "Elsewhere"])
        try FileManager.default.removeItem(at: gone)
        let result = await test.scan()
        #expect(result.updated == 1 && result.removed == 1)

        #expect(try await Self.genre(test, album: "Kept") == "untouched", "an album the scan did not touch was rebuilt")
        let tables = try await Self.tables(test)
        let names = Set(tables.albums.compactMap { String.fromDatabaseValue($0["name"] ?? .null) })
        #expect(names == ["First", "Elsewhere", "Kept"])
        #expect(tables.albums.first { String.fromDatabaseValue($0["name"] ?? .null) == "First" }.flatMap { Int.fromDatabaseValue($0["track_count"] ?? .null) } == 1)
        #expect(!tables.artists.contains { String.fromDatabaseValue($0["name"] ?? .null) == "Cy" }, "the removed album's artist is gone")
        #expect(tables.artists.contains { String.fromDatabaseValue($0["name"] ?? .null) == "Dee" })

        try await test.host.catalog.pool.write { db in
            try db.execute(sql: "UPDATE albums SET genre = NULL WHERE name = 'Kept'")
        }
        #expect(try await Self.tables(test) == Self.rebuiltInFull(test), "the incremental rows differ from a full rebuild")
    }

    @Test("a full scan still rebuilds every album")
    func fullScanRebuildsAll() async throws {
        let test = try TestHost(label: "incremental-full")
        try await test.addTrack("Bob/Kept/01 - Stay.mp3", tags: ["title": "Stay", "artist": "Bob", "album": "Kept"])
        await test.scan()
        try await Self.mark(test, album: "Kept")
        await test.scan(full: true)
        #expect(try await Self.genre(test, album: "Kept") == nil)
    }
}
