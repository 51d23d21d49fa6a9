import Foundation
import GRDB
@testable import Host
import TestSupport
import Testing

/// Issue 13: the catalog keeps the rows of recently read tracks (`TrackCache`) so that a
/// stream's requests do not each read SQLite; the rows must never outlive a change.
@Suite("The catalog's cache of track rows")
struct TrackCacheTests {
    static func host(_ label: String) async throws -> (TestHost, id: String) {
        let test = try TestHost(label: label)
        try await test.addTrack("A/B/01 - Song.mp3", tags: ["title": "Before", "artist": "A", "album": "B"])
        await test.scan()
        let track = try #require(try await test.track(at: "A/B/01 - Song.mp3"))
        return (test, track.id)
    }

    @Test("a row read once is kept; any write to tracks through the catalog empties the cache before it returns")
    func writesInvalidate() async throws {
        let (test, id) = try await Self.host("track-cache-write")
        let catalog = test.host.catalog
        #expect(try await catalog.track(id: id).title == "Before")
        #expect(catalog.trackCache.holds(id))

        // Raw SQL through the catalog's pool is seen too (GRDB observes every statement it runs).
        try await catalog.pool.write { db in
            try db.execute(sql: "UPDATE tracks SET title = 'After' WHERE id = ?", arguments: [id])
        }
        #expect(catalog.trackCache.count == 0)
        #expect(try await catalog.track(id: id).title == "After")

        // A write to another table leaves the rows alone.
        try await catalog.pool.write { db in
            try db.execute(sql: "UPDATE users SET role = role WHERE 0")
        }
        #expect(catalog.trackCache.holds(id))
    }

    @Test("a rescan that rereads the tags is seen at once")
    func scansInvalidate() async throws {
        let (test, id) = try await Self.host("track-cache-scan")
        let catalog = test.host.catalog
        #expect(try await catalog.track(id: id).title == "Before")
        try await test.addTrack("A/B/01 - Song.mp3", tags: ["title": "Retagged", "artist": "A", "album": "B"], frequency: 500)
        await test.scan(full: true)
        #expect(try await catalog.track(id: id).title == "Retagged")
    }

    @Test("a row read while a change to tracks commits is not kept")
    func readDuringCommit() async throws {
        let (test, id) = try await Self.host("track-cache-race")
        let catalog = test.host.catalog
        let generation = catalog.trackCache.generation
        let before = try await catalog.pool.read { db in try Track.fetchOne(db, key: id) }
        let row = try #require(before)
        // The write commits after the read above began but before its row is kept.
        try await catalog.pool.write { db in
            try db.execute(sql: "UPDATE tracks SET title = 'Newer' WHERE id = ?", arguments: [id])
        }
        catalog.trackCache.keep(row, readUnder: generation)
        #expect(catalog.trackCache.count == 0)
        #expect(try await catalog.track(id: id).title == "Newer")
    }

    @Test("a change by another connection to the file (another process) is used for maximumAge at most")
    func otherProcess() async throws {
        let (test, id) = try await Self.host("track-cache-other")
        let catalog = test.host.catalog
        let row = try await catalog.track(id: id)
        let other = try DatabaseQueue(path: test.data.catalogFile.path)
        try await other.write { db in
            try db.execute(sql: "UPDATE tracks SET title = 'Elsewhere' WHERE id = ?", arguments: [id])
        }
        // Not observed in this process: the kept row is served until it is too old.
        let cache = catalog.trackCache
        let now = ContinuousClock.now
        cache.keep(row, readUnder: cache.generation, at: now)
        #expect(cache.track(id: id, now: now + cache.maximumAge / 2)?.title == "Before")
        #expect(cache.track(id: id, now: now + cache.maximumAge) == nil)
        #expect(try await catalog.track(id: id).title == "Elsewhere")
    }

    @Test("it holds at most its limit of rows")
    func bounded() async throws {
        let (test, id) = try await Self.host("track-cache-bound")
        let row = try await test.host.catalog.track(id: id)
        let cache = TrackCache(limit: 3)
        for index in 0..<10 {
            var copy = row
            copy.id = "track-\(index)"
            cache.keep(copy, readUnder: cache.generation)
        }
        #expect(cache.count == 3)
        #expect(cache.track(id: "track-9") != nil)
    }
}
