import Foundation
@testable import Host
import TestSupport
import Testing

@Suite("Catalog search")
struct CatalogSearchTests {
    /// One library shared by the tests of this suite.
    static func library() async throws -> TestHost {
        let test = try TestHost(label: "search")
        try await test.addTrack("a.mp3", tags: ["title": "Café del Mar", "artist": "Energy 52", "album": "Trance"])
        try await test.addTrack("b.mp3", tags: ["title": "Björk Army of Me", "artist": "Björk", "album": "Post", "genre": "Electronic"])
        try await test.addTrack("c.mp3", tags: ["title": "東京 Tokyo Night", "artist": "Akira", "album": "夜"])
        try await test.addTrack("d.mp3", tags: ["title": "Quote \"Me\" (Live) - NEAR * AND", "artist": "Odd Chars", "album": "Symbols"])
        for index in 1...30 {
            try await test.addTrack("many/\(index).mp3", tags: ["title": "Repeat \(index)", "artist": "Loop Band", "album": "Loops"])
        }
        await test.scan()
        return test
    }

    @Test("prefixes, case and accents do not matter")
    func insensitive() async throws {
        let test = try await Self.library()
        let search = test.host.search
        #expect(try await search.search("cafe", limit: 10, offset: 0, sources: nil).tracks.map(\.title) == ["Café del Mar"])
        #expect(try await search.search("BJO", limit: 10, offset: 0, sources: nil).tracks.map(\.title) == ["Björk Army of Me"])
        #expect(try await search.search("army bjork", limit: 10, offset: 0, sources: nil).tracks.count == 1)
        #expect(try await search.search("electro", limit: 10, offset: 0, sources: nil).tracks.count == 1)
        #expect(try await search.search("東京", limit: 10, offset: 0, sources: nil).tracks.count == 1)

        // FTS syntax in the query is plain text, never an error.
        for text in [#"""#, "*", "-", "(", ")", "NEAR", "AND", "\"me\" (live", "a OR b", "^x", ":", "col:val", "NEAR(a b)"] {
            _ = try await search.search(text, limit: 10, offset: 0, sources: nil)
        }
        #expect(try await search.search("quote (live) near", limit: 10, offset: 0, sources: nil).tracks.count == 1)
    }

    @Test("paging returns disjoint windows and reports the source")
    func paging() async throws {
        let test = try await Self.library()
        let first = try await test.host.search.search("repeat", limit: 10, offset: 0, sources: nil)
        let second = try await test.host.search.search("repeat", limit: 10, offset: 10, sources: ["local"])
        #expect(first.tracks.count == 10)
        #expect(second.tracks.count == 10)
        #expect(Set(first.tracks.map(\.id)).isDisjoint(with: second.tracks.map(\.id)))
        #expect(first.sources.map(\.id) == ["local"])
        #expect(first.sources[0].status == .ok)
        #expect(first.sources[0].count == 10)
    }

    @Test("an unknown source or an overlong query is refused with a reason")
    func badInput() async throws {
        let test = try await Self.library()
        await #expect(throws: HostError.self) { _ = try await test.host.search.search("x", limit: 10, offset: 0, sources: ["youtube"]) }
        await #expect(throws: HostError.self) {
            _ = try await test.host.search.search(String(repeating: "x", count: 201), limit: 10, offset: 0, sources: nil)
        }
    }

    @Test("albums and artists are derived from the tracks and sorted")
    func browse() async throws {
        let test = try await Self.library()
        let albums = try await test.host.catalog.albums(sort: .name, limit: 50, offset: 0)
        #expect(albums.items.map(\.name) == ["Loops", "Post", "Symbols", "Trance", "夜"])
        let loops = try #require(albums.items.first)
        #expect(loops.trackCount == 30)
        let (_, tracks) = try await test.host.catalog.album(id: loops.id)
        #expect(tracks.count == 30)
        let artists = try await test.host.catalog.artists(limit: 2, offset: 0)
        #expect(artists.total == 5)
        #expect(artists.items.count == 2)
        await #expect(throws: HostError.notFound(kind: "album", id: "nope")) { _ = try await test.host.catalog.album(id: "nope") }
    }
}
