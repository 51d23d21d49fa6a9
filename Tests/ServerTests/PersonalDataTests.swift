import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Playlists, likes, history and discovery as their owner uses them.
@Suite("Playlists, likes, history and discovery")
struct PersonalDataTests {
    static func fixture(_ label: String) async throws -> (ServerFixture, [String]) {
        let fixture = try ServerFixture(label: label)
        let paths = ["A/X/01 - One.mp3", "A/X/02 - Two.mp3", "B/Y/01 - Three.mp3"]
        for (index, path) in paths.enumerated() {
            try await fixture.test.addTrack(path, tags: ["title": ["One", "Two", "Three"][index], "artist": String(path.prefix(1))])
        }
        await fixture.test.scan()
        var ids: [String] = []
        for path in paths { ids.append(try await fixture.trackID(at: path)) }
        return (fixture, ids)
    }

    static func titles(_ playlist: [String: Any]) -> [String] {
        (playlist["tracks"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    }

    @Test("create, rename, insert at a position, remove by position, reorder, delete; bad input is a 400 or 404 that says why")
    func playlistEditing() async throws {
        let (fixture, ids) = try await Self.fixture("playlists")
        try await fixture.session { session in
            let ada = try await session.signUp("ada@example.org")
            let created = try await ada.send(.post, "/api/playlists", json: #"{"name": "  Road trip  "}"#)
            #expect(created.status == .created)
            let playlist = try created.object()
            let id = try #require(playlist["id"] as? String)
            #expect(playlist["name"] as? String == "Road trip")
            #expect(playlist["is_public"] as? Bool == false)

            var answer = try await ada.send(.post, "/api/playlists/\(id)/tracks", json: #"{"track_ids": ["\#(ids[0])", "\#(ids[2])"]}"#).object()
            #expect(Self.titles(answer) == ["One", "Three"])
            answer = try await ada.send(.post, "/api/playlists/\(id)/tracks", json: #"{"track_ids": ["\#(ids[1])"], "position": 1}"#).object()
            #expect(Self.titles(answer) == ["One", "Two", "Three"])
            #expect(answer["track_count"] as? Int == 3)
            answer = try await ada.send(.post, "/api/playlists/\(id)/tracks/move", json: #"{"from": 2, "to": 0}"#).object()
            #expect(Self.titles(answer) == ["Three", "One", "Two"])
            answer = try await ada.send(.delete, "/api/playlists/\(id)/tracks/1").object()
            #expect(Self.titles(answer) == ["Three", "Two"])
            answer = try await ada.send(.patch, "/api/playlists/\(id)", json: #"{"name": "Night drive", "is_public": true}"#).object()
            #expect(answer["name"] as? String == "Night drive")
            #expect(answer["is_public"] as? Bool == true)
            let share = try await ada.send(.get, "/api/playlists/\(id)/share").object()
            #expect(share["url"] as? String == "http://localhost/?playlist=\(id)")

            let mistakes: [(HTTPRequest.Method, String, String?, HTTPResponse.Status, String)] = [
                (.post, "/api/playlists", #"{"name": "   "}"#, .badRequest, "needs a name"),
                (.post, "/api/playlists", #"{"title": "x"}"#, .badRequest, "lacks \"name\""),
                (.post, "/api/playlists", "{not json", .badRequest, "not valid JSON"),
                (.post, "/api/playlists/\(id)/tracks", #"{"track_ids": ["no-such-track"]}"#, .notFound, "no track with id no-such-track"),
                (.post, "/api/playlists/\(id)/tracks", #"{"track_ids": []}"#, .badRequest, "track_ids is empty"),
                (.post, "/api/playlists/\(id)/tracks", #"{"track_ids": ["\#(ids[0])"], "position": 9}"#, .badRequest, "position must be from 0 to 2"),
                (.post, "/api/playlists/\(id)/tracks/move", #"{"from": 0, "to": 5}"#, .badRequest, "positions from 0 to 1"),
                (.delete, "/api/playlists/\(id)/tracks/7", nil, .notFound, "it has 2 tracks"),
                (.delete, "/api/playlists/\(id)/tracks/x", nil, .badRequest, "position must be a whole number"),
                (.get, "/api/playlists/nope", nil, .notFound, "no playlist with id nope"),
            ]
            for (method, path, body, status, message) in mistakes {
                let refused = try await ada.send(method, path, json: body)
                #expect(refused.status == status, "\(method) \(path) \(body ?? ""): \(refused.status) \(refused.text)")
                #expect(refused.errorMessage.contains(message), "\(refused.text) should say \(message)")
            }
            #expect(Self.titles(try await ada.send(.get, "/api/playlists/\(id)").object()) == ["Three", "Two"], "nothing changed")

            let list = try await ada.send(.get, "/api/playlists").items()
            #expect(list.count == 1)
            #expect(list.first?["duration"] as? Int == 2)
            #expect(try await ada.send(.delete, "/api/playlists/\(id)").status == .noContent)
            #expect(try await ada.send(.get, "/api/playlists/\(id)").status == .notFound)
        }
    }

    @Test("likes: liked tracks are marked in search, albums and playlists, listed last liked first, and unliking removes them")
    func likes() async throws {
        let (fixture, ids) = try await Self.fixture("likes")
        try await fixture.session { session in
            let ada = try await session.signUp("ada@example.org")
            #expect(try await ada.send(.put, "/api/tracks/\(ids[2])/like").status == .noContent)
            #expect(try await ada.send(.put, "/api/tracks/\(ids[0])/like").status == .noContent)
            #expect(try await ada.send(.put, "/api/tracks/\(ids[0])/like").status == .noContent, "liking twice is harmless")
            #expect(try await ada.send(.put, "/api/tracks/nope/like").status == .notFound)
            let liked = try await ada.send(.get, "/api/likes").object()
            #expect(liked["total"] as? Int == 2)
            #expect((liked["items"] as? [[String: Any]])?.map { $0["title"] as? String } == ["One", "Three"])

            let search = try await ada.send(.get, "/api/search?q=one").object()["results"] as? [[String: Any]] ?? []
            #expect(search.first?["liked"] as? Bool == true)
            let track = try await ada.send(.get, "/api/tracks/\(ids[1])").object()
            #expect(track["liked"] as? Bool == false)
            let albumID = try #require(track["album_id"] as? String)
            let album = try await ada.send(.get, "/api/albums/\(albumID)").object()["tracks"] as? [[String: Any]] ?? []
            #expect(album.map { $0["liked"] as? Bool } == [true, false])

            #expect(try await ada.send(.delete, "/api/tracks/\(ids[0])/like").status == .noContent)
            #expect(try await ada.send(.get, "/api/likes").items().map { $0["title"] as? String } == ["Three"])
        }
    }

    @Test("history keeps every play with its time and can be asked for a period; discovery shows the week's most played")
    func historyAndDiscovery() async throws {
        let (fixture, ids) = try await Self.fixture("history")
        try await fixture.session { session in
            let ada = try await session.signUp("ada@example.org")
            let before = Date()
            for id in [ids[0], ids[1], ids[0], ids[0], ids[1], ids[2]] {
                #expect(try await ada.send(.post, "/api/tracks/\(id)/played").status == .noContent)
            }
            #expect(try await ada.send(.post, "/api/tracks/nope/played").status == .notFound)
            let history = try await ada.send(.get, "/api/history?limit=2").object()
            #expect(history["total"] as? Int == 6)
            let recent = history["items"] as? [[String: Any]] ?? []
            #expect(recent.compactMap { ($0["track"] as? [String: Any])?["title"] as? String } == ["Three", "Two"])
            #expect(recent.first?["played_at"] is String)

            let formatter = ISO8601DateFormatter()
            let future = formatter.string(from: Date().addingTimeInterval(3600))
            let past = formatter.string(from: before.addingTimeInterval(-3600))
            #expect(try await ada.send(.get, "/api/history?from=\(future)").object()["total"] as? Int == 0)
            #expect(try await ada.send(.get, "/api/history?to=\(past)").object()["total"] as? Int == 0)
            #expect(try await ada.send(.get, "/api/history?from=\(past)&to=\(future)").object()["total"] as? Int == 6)
            let badDate = try await ada.send(.get, "/api/history?from=yesterday")
            #expect(badDate.status == .badRequest)
            #expect(badDate.text.contains("ISO 8601"))

            let discovery = try await ada.send(.get, "/api/discover").object()
            let week = discovery["most_played_week"] as? [[String: Any]] ?? []
            #expect(week.map { ($0["track"] as? [String: Any])?["title"] as? String } == ["One", "Two", "Three"])
            #expect(week.map { $0["plays"] as? Int } == [3, 2, 1])
            #expect((discovery["recently_added"] as? [Any])?.count == 3)
            #expect((discovery["recently_cached"] as? [Any])?.isEmpty == true, "no remote track is cached")
        }
    }
}
