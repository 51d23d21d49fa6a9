import Foundation
import HTTPTypes
import Host
import HummingbirdTesting
import SourceAPI
import TestSupport
import Testing

/// `GET /api/search`: the library's best artists and albums above the songs ("garden" finds
/// the album *Bright Garden*), best first, in the JSON answer and as the streamed answer's
/// `collections` line before any part.
@Suite("Search's artists and albums")
struct SearchCollectionsTests {
    /// A library whose names hold "garden" in every way a ranking tells apart.
    static let songs: [(path: String, tags: AudioFixtures.Tags)] = [
        ("a/1.mp3", ["title": "Morning", "artist": "Copper Tide", "album": "Bright Garden"]),
        ("a/2.mp3", ["title": "Evening", "artist": "Copper Tide", "album": "Bright Garden"]),
        ("b/1.mp3", ["title": "Rain", "artist": "Lena Holm", "album": "Garden"]),
        ("c/1.mp3", ["title": "Confetti", "artist": "Lena Holm", "album": "Garden Party"]),
        ("d/1.mp3", ["title": "Petals", "artist": "Garden State", "album": "Flowers"]),
        ("e/1.mp3", ["title": "Soil", "artist": "The Gardeners", "album": "Roots"]),
        ("f/1.mp3", ["title": "Unrelated", "artist": "Nobody Else", "album": "Other Things"]),
    ]

    static func host(label: String, remote: [String] = [], gate: SearchGate? = nil) async throws -> TestHost {
        try await SearchStreamTests.host(label: label, remote: remote, gate: gate, songs: songs)
    }

    @Test("the best artists and albums come with the songs, an exact name first, then a name that starts with the text, then one that holds it")
    func rankedCollections() async throws {
        let test = try await Self.host(label: "collections-ranked")
        try await TestServer(host: test.host).run { session in
            let client = try await session.signUp("owner@example.org")
            let answer = try await client.send(.get, "/api/search?q=garden").object()
            let albums = try #require(answer["albums"] as? [[String: Any]])
            // "Flowers" and "Roots" match through their artists' names only: after every album named so.
            #expect(albums.compactMap { $0["name"] as? String } == ["Garden", "Garden Party", "Bright Garden", "Flowers", "Roots"])
            #expect(albums.first?["artist"] as? String == "Lena Holm")
            #expect((albums.first?["id"] as? String)?.isEmpty == false)
            let artists = try #require(answer["artists"] as? [[String: Any]])
            #expect(artists.compactMap { $0["name"] as? String } == ["Garden State", "The Gardeners"])
            #expect(artists.first?["track_count"] as? Int == 1)
            // Each leads to its page.
            let albumID = try #require(albums[2]["id"] as? String)
            let album = try await client.send(.get, "/api/albums/\(albumID)").object()
            #expect((album["album"] as? [String: Any])?["name"] as? String == "Bright Garden")
            let artistID = try #require(artists[0]["id"] as? String)
            #expect(try await client.send(.get, "/api/artists/\(artistID)").status == .ok)
            // The songs are as before: those whose own fields match.
            let titles = (answer["results"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
            #expect(Set(titles) == ["Morning", "Evening", "Rain", "Confetti", "Petals", "Soil"])
        }
    }

    @Test("later pages, a search of remote sources only and a text nothing matches have no artists or albums")
    func noCollectionsWhereTheyDoNotBelong() async throws {
        let gate = SearchGate()
        gate.open()
        let test = try await Self.host(
            label: "collections-none", remote: [#"{"id": "tube", "type": "Gated"}"#], gate: gate)
        try await TestServer(host: test.host).run { session in
            let client = try await session.signUp("owner@example.org")
            for uri in ["/api/search?q=garden&offset=2", "/api/search?q=garden&sources=tube", "/api/search?q=zzzz"] {
                let answer = try await client.send(.get, uri).object()
                #expect((answer["albums"] as? [Any])?.isEmpty == true, "\(uri)")
                #expect((answer["artists"] as? [Any])?.isEmpty == true, "\(uri)")
            }
            let first = try await client.send(.get, "/api/search?q=garden&sources=local").object()
            #expect((first["albums"] as? [Any])?.count == 5)
        }
    }

    @Test("the streamed answer sends them once, right after the start and before the library's part")
    func streamedCollectionsComeFirst() async throws {
        let gate = SearchGate()
        let test = try await Self.host(
            label: "collections-stream", remote: [#"{"id": "tube", "type": "Gated", "search_timeout_ms": 60000}"#], gate: gate)
        try await TestServer(host: test.host).run { session in
            let client = try await session.signUp("owner@example.org")
            let stream = try NDJSONReader(port: try #require(client.port), path: "/api/search?q=garden", token: client.token)
            let head = try await stream.lines(3)
            #expect(head.map { $0["type"] as? String } == ["start", "collections", "part"])
            let albums = (head[1]["albums"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(albums == ["Garden", "Garden Party", "Bright Garden", "Flowers", "Roots"])
            let artists = (head[1]["artists"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(artists == ["Garden State", "The Gardeners"])
            #expect((head[2]["source"] as? [String: Any])?["id"] as? String == "local")
            // Sent while the remote source is still searching.
            await gate.started()
            #expect(!gate.isOpen)
            gate.open()
            let rest = try await stream.lines(5)
            #expect(rest.filter { $0["type"] as? String == "collections" }.count == 1)
            #expect(rest.last?["type"] as? String == "complete")
            #expect(await stream.ended())
        }
    }
}
