import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("JSON API")
struct APIRouteTests {
    static func fixture() async throws -> ServerFixture {
        let fixture = try ServerFixture(label: "api")
        try await fixture.test.addTrack("Queen/A Night at the Opera/11 - Bohemian Rhapsody.mp3",
                                  tags: ["title": "Bohemian Rhapsody", "artist": "Queen", "album": "A Night at the Opera", "date": "1975"],
                                  embeddedCover: true)
        try await fixture.test.addTrack("Queen/A Night at the Opera/02 - Lazing on a Sunday Afternoon.mp3", frequency: 500)
        try await fixture.test.addTrack("Röyksopp/Melody AM/01 - So Easy.flac")
        try await AudioFixtures.image(at: fixture.test.library.appendingPathComponent("Röyksopp/Melody AM/cover.jpg"), size: 200)
        await fixture.test.scan()
        return fixture
    }

    @Test("/healthz answers without anything else")
    func health() async throws {
        try await ServerFixture().run { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["status"] as? String == "ok")
            }
        }
    }

    @Test("search answers the federated shape with ready URLs")
    func searchShape() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            try await client.execute(uri: "/api/search?q=bohem", method: .get) { response in
                #expect(response.status == .ok)
                let json = try response.json()
                #expect(json["query"] as? String == "bohem")
                let results = try #require(json["results"] as? [[String: Any]])
                #expect(results.count == 1)
                let hit = results[0]
                for key in ["id", "title", "artist", "album", "duration", "source", "is_cached", "cover_url", "stream_url"] {
                    #expect(hit[key] != nil, "missing \(key)")
                }
                let id = try #require(hit["id"] as? String)
                #expect(hit["stream_url"] as? String == "/stream/\(id)")
                #expect(hit["cover_url"] as? String == "/api/covers/\(id)")
                #expect(hit["source"] as? String == "local")
                #expect(hit["is_cached"] as? Bool == true)
                let sources = try #require(json["sources"] as? [[String: Any]])
                #expect(sources.first?["id"] as? String == "local")
                #expect(sources.first?["status"] as? String == "ok")
                #expect(sources.first?["elapsed_ms"] is Int)
            }
            // A space is "+" in a form-encoded query (browsers, curl -G, Python), "%20" elsewhere; "%2B" is a plus.
            for (query, text) in [("bohemian+rhap", "bohemian rhap"), ("bohemian%20rhap", "bohemian rhap"), ("a%2Bb", "a+b")] {
                let json = try await client.execute(uri: "/api/search?q=\(query)", method: .get) { try $0.json() }
                #expect(json["query"] as? String == text)
                if text.hasPrefix("bohemian") { #expect((json["results"] as? [Any])?.count == 1, "\(query)") }
            }
        }
    }

    @Test("query text with FTS syntax is searched as plain text, never a 500")
    func ftsSyntax() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            for query in ["%22", "*", "-", "(", ")", "NEAR", "AND", "a%20OR%20b", "%22unterminated", "NEAR(x%20y)", "%E2%80%94"] {
                try await client.execute(uri: "/api/search?q=\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query): \(response.text)")
                }
            }
        }
    }

    @Test("bad parameters are 400 with a message naming them")
    func badParameters() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            for (uri, fragment) in [("/api/search?q=x&limit=abc", "limit"), ("/api/search?q=x&limit=0", "limit"),
                                    ("/api/search?q=x&offset=-1", "offset"), ("/api/albums?sort=color", "sort"),
                                    ("/api/search?q=\(String(repeating: "x", count: 300))", "longer"),
                                    ("/api/search?q=x&sources=nope", "nope"), ("/api/covers/x?size=99999", "size")] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.errorCode == "bad_request")
                    #expect(response.text.contains(fragment), "\(uri): \(response.text)")
                }
            }
            try await client.execute(uri: "/api/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
        }
    }

    @Test("albums, album pages, artists and tracks browse the library")
    func browse() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let albumID = try await client.execute(uri: "/api/albums?sort=year", method: .get) { response -> String in
                let json = try response.json()
                #expect(json["total"] as? Int == 2)
                let items = try #require(json["items"] as? [[String: Any]])
                #expect(items.first?["name"] as? String == "A Night at the Opera")
                #expect(items.first?["year"] as? Int == 1975)
                return try #require(items.first?["id"] as? String)
            }
            try await client.execute(uri: "/api/albums/\(albumID)", method: .get) { response in
                let tracks = try #require(try response.json()["tracks"] as? [[String: Any]])
                #expect(tracks.map { $0["title"] as? String } == ["Lazing on a Sunday Afternoon", "Bohemian Rhapsody"])
            }
            try await client.execute(uri: "/api/artists?limit=1&offset=1", method: .get) { response in
                let json = try response.json()
                #expect(json["total"] as? Int == 2)
                #expect((json["items"] as? [[String: Any]])?.first?["name"] as? String == "Röyksopp")
            }
            try await client.execute(uri: "/api/albums/nope", method: .get) { #expect($0.status == .notFound) }
            let id = try await fixture.trackID(at: "Röyksopp/Melody AM/01 - So Easy.flac")
            try await client.execute(uri: "/api/tracks/\(id)", method: .get) { response in
                let json = try response.json()
                #expect(json["title"] as? String == "So Easy")
            }
            // The track list goes album by album, in the albums' order, each album in track order.
            let byName = try await client.execute(uri: "/api/tracks", method: .get) { try $0.json() }
            #expect(byName["total"] as? Int == 3)
            #expect((byName["items"] as? [[String: Any]])?.map { $0["title"] as? String }
                == ["Lazing on a Sunday Afternoon", "Bohemian Rhapsody", "So Easy"])
            let page = try await client.execute(uri: "/api/tracks?sort=recent&limit=1&offset=2", method: .get) { try $0.json() }
            #expect((page["items"] as? [Any])?.count == 1)
            try await client.execute(uri: "/api/tracks?sort=loudest", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorMessage.contains("sort must be one of name, year, recent"))
            }
        }
    }

    @Test("covers: embedded and folder images, thumbnails, caching headers, 404 without one")
    func covers() async throws {
        let fixture = try await Self.fixture()
        let embedded = try await fixture.trackID(at: "Queen/A Night at the Opera/11 - Bohemian Rhapsody.mp3")
        let folder = try await fixture.trackID(at: "Röyksopp/Melody AM/01 - So Easy.flac")
        let none = try await fixture.trackID(at: "Queen/A Night at the Opera/02 - Lazing on a Sunday Afternoon.mp3")
        try await fixture.run { client in
            let etag = try await client.execute(uri: "/api/covers/\(embedded)", method: .get) { response -> String? in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/jpeg")
                #expect(response.headers[.cacheControl]?.contains("max-age") == true)
                return response.headers[.eTag]
            }
            try await client.execute(uri: "/api/covers/\(embedded)", method: .get, headers: [.ifNoneMatch: try #require(etag)]) {
                #expect($0.status == .notModified)
            }
            let original = try await client.execute(uri: "/api/covers/\(folder)", method: .get) { $0.bytes }
            try await client.execute(uri: "/api/covers/\(folder)?size=32", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.bytes.starts(with: [0xFF, 0xD8]))
                #expect(response.bytes.count < original.count)
            }
            try await client.execute(uri: "/api/covers/\(none)", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("/api/tracks?sort=title lists the tracks by their own titles, whatever their album")
    func tracksByTitle() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            let byTitle = try await client.execute(uri: "/api/tracks?sort=title", method: .get) { try $0.json() }
            #expect((byTitle["items"] as? [[String: Any]])?.map { $0["title"] as? String }
                == ["Bohemian Rhapsody", "Lazing on a Sunday Afternoon", "So Easy"])
            #expect(byTitle["total"] as? Int == 3)
            let second = try await client.execute(uri: "/api/tracks?sort=title&limit=1&offset=1", method: .get) { try $0.json() }
            #expect((second["items"] as? [[String: Any]])?.map { $0["title"] as? String } == ["Lazing on a Sunday Afternoon"])
        }
    }

    @Test("a track without its own cover shows its album's, in every list")
    func albumCoverStandsIn() async throws {
        let fixture = try await Self.fixture()
        let none = try await fixture.trackID(at: "Queen/A Night at the Opera/02 - Lazing on a Sunday Afternoon.mp3")
        let embedded = try await fixture.trackID(at: "Queen/A Night at the Opera/11 - Bohemian Rhapsody.mp3")
        try await fixture.run { client in
            let track = try await client.execute(uri: "/api/tracks/\(none)", method: .get) { try $0.json() }
            let albumID = try #require(track["album_id"] as? String)
            #expect(track["cover_url"] as? String == "/api/covers/\(albumID)")
            // The album's page, the tracks list and search say the same; a track with its own keeps it.
            let album = try await client.execute(uri: "/api/albums/\(albumID)", method: .get) { try $0.json() }
            let covers = try #require(album["tracks"] as? [[String: Any]]).map { $0["cover_url"] as? String }
            #expect(covers == ["/api/covers/\(albumID)", "/api/covers/\(embedded)"])
            let search = try await client.execute(uri: "/api/search?q=lazing", method: .get) { try $0.json() }
            #expect((search["results"] as? [[String: Any]])?.first?["cover_url"] as? String == "/api/covers/\(albumID)")
            try await client.execute(uri: "/api/covers/\(albumID)?size=64", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/jpeg")
            }
            // A folder image is the track's own picture.
            let easy = try await fixture.trackID(at: "Röyksopp/Melody AM/01 - So Easy.flac")
            let folderOnly = try await client.execute(uri: "/api/tracks/\(easy)", method: .get) { try $0.json() }
            #expect(folderOnly["cover_url"] as? String == "/api/covers/\(easy)")
        }
    }

    @Test("storage figures, provider health, and one scan at a time")
    func systemRoutes() async throws {
        let fixture = try await Self.fixture()
        // Enough files that the full scan is still running when the second POST arrives.
        let template = fixture.test.library.appendingPathComponent("Röyksopp/Melody AM/01 - So Easy.flac")
        for index in 0..<300 {
            try FileManager.default.copyItem(at: template, to: fixture.test.library.appendingPathComponent("copy \(index).flac"))
        }
        try await fixture.run { client in
            try await client.execute(uri: "/system/storage", method: .get) { response in
                let json = try response.json()
                for key in ["total_bytes", "used_bytes", "available_bytes", "library_bytes", "cache_bytes", "db_bytes"] {
                    #expect(json[key] is Int, "missing \(key)")
                }
                #expect((json["library_bytes"] as? Int ?? 0) > 0)
                #expect((json["db_bytes"] as? Int ?? 0) > 0)
            }
            try await client.execute(uri: "/api/providers", method: .get) { response in
                #expect(response.text.contains("\"healthy\":true"))
            }
            let firstStarted = try await client.execute(uri: "/api/admin/scan?full=true", method: .post) { response -> Bool? in
                #expect(response.status == .accepted)
                return try response.json()["started"] as? Bool
            }
            let secondStarted = try await client.execute(uri: "/api/admin/scan", method: .post) { try $0.json()["started"] as? Bool }
            #expect(firstStarted == true)
            #expect(secondStarted == false)
            await fixture.test.host.scanner.waitUntilIdle()
            try await client.execute(uri: "/api/admin/scan", method: .get) { response in
                let json = try response.json()
                #expect(json["phase"] as? String == "done")
                #expect(json["files_done"] as? Int == 303)
                #expect(json["files_total"] as? Int == 303)
            }
        }
    }
}
