import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// getPlayQueue/savePlayQueue and the indexBasedQueue calls: shapes in JSON and XML, the
/// errors, privacy, and the same queue as the web player's `/api/me/queue`.
@Suite("Subsonic: the play queue")
struct PlayQueueTests {
    static let ada = "ada@example.org"
    static let bob = "bob@example.org"

    struct World {
        let ada: SubsonicTestClient
        let bob: SubsonicTestClient
        let web: SignedInClient
        let ids: [String]
    }

    static func withWorld(_ body: @Sendable (World) async throws -> Void) async throws {
        let test = try TestHost(label: "subsonic-queue")
        for number in 1...3 {
            try await test.addTrack("Nina/Album/0\(number) - Song \(number).mp3", tags: ["title": "Song \(number)", "artist": "Nina", "track": "\(number)"])
        }
        await test.scan()
        var found: [String] = []
        for number in 1...3 {
            found.append(try #require(try await test.track(at: "Nina/Album/0\(number) - Song \(number).mp3")?.id))
        }
        let ids = found
        try await TestServer(host: test.host).run { session in
            let web = try await session.signUp(Self.ada)
            _ = try await session.signUp(Self.bob)
            var ada = SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.ada), ("p", TestSession.password)])
            ada.clientName = "Tempo"
            let bob = SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.bob), ("p", TestSession.password)])
            try await body(World(ada: ada, bob: bob, web: web, ids: ids))
        }
    }

    @Test("never saved: a playQueue with username, changed and changedBy but no entry, current or position")
    func empty() async throws {
        try await Self.withWorld { world in
            let queue = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            #expect(queue["username"] as? String == Self.ada)
            #expect(queue["changed"] as? String == "1970-01-01T00:00:00.000Z")
            #expect(queue["changedBy"] as? String == "")
            #expect(queue["current"] == nil && queue["position"] == nil)
            #expect((queue["entry"] as? [Any])?.isEmpty ?? true)
            let byIndex = try #require(try await world.ada.ok("getPlayQueueByIndex")["playQueueByIndex"] as? [String: Any])
            #expect(byIndex["currentIndex"] == nil)
        }
    }

    @Test("savePlayQueue (GET and form POST) then getPlayQueue in JSON: entries as an array of songs, current as a string id, position in ms, changedBy the app")
    func saveAndGetJSON() async throws {
        try await Self.withWorld { world in
            let ids = world.ids
            _ = try await world.ada.ok("savePlayQueue", [("id", ids[1]), ("current", ids[1]), ("position", "42500")])
            var queue = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            var entries = try #require(queue["entry"] as? [[String: Any]], "one entry is still an array")
            #expect(entries.map { $0["id"] as? String } == [ids[1]])
            #expect(entries.first?["title"] as? String == "Song 2")
            #expect(entries.first?["isDir"] as? Bool == false)

            _ = try await world.ada.ok("savePlayQueue.view", [("id", ids[2]), ("id", ids[0]), ("id", ids[1]), ("current", ids[0]), ("position", "1234")], post: true)
            queue = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            entries = try #require(queue["entry"] as? [[String: Any]])
            #expect(entries.map { $0["id"] as? String } == [ids[2], ids[0], ids[1]])
            #expect(queue["current"] as? String == ids[0])
            #expect(queue["position"] as? Int == 1_234)
            #expect(queue["username"] as? String == Self.ada)
            #expect(queue["changedBy"] as? String == "Tempo")
            let changed = try #require(queue["changed"] as? String)
            #expect(changed.hasSuffix("Z") && changed != "1970-01-01T00:00:00.000Z")
            // The index form of the same queue.
            let byIndex = try #require(try await world.ada.ok("getPlayQueueByIndex")["playQueueByIndex"] as? [String: Any])
            #expect(byIndex["currentIndex"] as? Int == 1)
            #expect(byIndex["current"] == nil)
        }
    }

    @Test("getPlayQueue in XML: <entry> songs, current, position, username, changed, changedBy as attributes")
    func xml() async throws {
        try await Self.withWorld { world in
            _ = try await world.ada.ok("savePlayQueue", [("id", world.ids[0]), ("id", world.ids[2]), ("current", world.ids[2]), ("position", "7")])
            let root = try XMLTree(Data(try await world.ada.raw("getPlayQueue", format: nil).body.readableBytesView))
            let queue = try #require(root.first("playQueue"))
            #expect(queue.attributes["current"] == world.ids[2])
            #expect(queue.attributes["position"] == "7")
            #expect(queue.attributes["username"] == Self.ada)
            #expect(queue.attributes["changedBy"] == "Tempo")
            #expect(queue.attributes["changed"]?.hasSuffix("Z") == true)
            #expect(queue.all("entry").map { $0.attributes["id"] } == [world.ids[0], world.ids[2]])
            #expect(queue.all("entry").allSatisfy { $0.attributes["isDir"] == "false" })
            let byIndex = try XMLTree(Data(try await world.ada.raw("getPlayQueueByIndex", format: "xml").body.readableBytesView))
            #expect(byIndex.first("playQueueByIndex")?.attributes["currentIndex"] == "1")
        }
    }

    @Test("savePlayQueueByIndex keeps a track queued twice apart; getPlayQueue names it by id")
    func byIndex() async throws {
        try await Self.withWorld { world in
            let ids = world.ids
            _ = try await world.ada.ok("savePlayQueueByIndex", [("id", ids[0]), ("id", ids[1]), ("id", ids[0]), ("currentIndex", "2"), ("position", "900")])
            let queue = try #require(try await world.ada.ok("getPlayQueueByIndex")["playQueueByIndex"] as? [String: Any])
            #expect((queue["entry"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0], ids[1], ids[0]])
            #expect(queue["currentIndex"] as? Int == 2)
            #expect(queue["position"] as? Int == 900)
            let byID = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            #expect(byID["current"] as? String == ids[0])
        }
    }

    @Test("an empty save clears (both forms); errors: 10 without current or with a bad index, 70 for an unknown song, 0 for a current not queued")
    func clearAndErrors() async throws {
        try await Self.withWorld { world in
            let ids = world.ids
            _ = try await world.ada.ok("savePlayQueue", [("id", ids[0]), ("current", ids[0])])
            let refusals: [(String, [(String, String)], Int)] = [
                ("savePlayQueue", [("id", ids[1])], 10),
                ("savePlayQueue", [("id", ids[1]), ("current", ids[2])], 0),
                ("savePlayQueue", [("id", "no-such-song"), ("current", "no-such-song")], 70),
                ("savePlayQueue", [("id", ids[1]), ("current", ids[1]), ("position", "-5")], 0),
                ("savePlayQueueByIndex", [("id", ids[1])], 10),
                ("savePlayQueueByIndex", [("id", ids[1]), ("currentIndex", "1")], 10),
                ("savePlayQueueByIndex", [("id", ids[1]), ("currentIndex", "-1")], 10),
                // Not a number is no index from 0 to the last either: 10 as well, not 0.
                ("savePlayQueueByIndex", [("id", ids[1]), ("currentIndex", "first")], 10),
            ]
            for (method, parameters, code) in refusals {
                let answered = try await world.ada.errorCode(method, parameters)
                #expect(answered == code, "\(method) \(parameters)")
            }
            // Every refusal left the queue as it was.
            var queue = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            #expect((queue["entry"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0]])

            _ = try await world.ada.ok("savePlayQueue")
            queue = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            #expect((queue["entry"] as? [Any])?.isEmpty ?? true)
            #expect(queue["current"] == nil)
            #expect(queue["changedBy"] as? String == "Tempo")

            _ = try await world.ada.ok("savePlayQueueByIndex", [("id", ids[2]), ("currentIndex", "0")])
            _ = try await world.ada.ok("savePlayQueueByIndex")
            queue = try #require(try await world.ada.ok("getPlayQueueByIndex")["playQueueByIndex"] as? [String: Any])
            #expect((queue["entry"] as? [Any])?.isEmpty ?? true)
        }
    }

    @Test("another user's getPlayQueue holds none of the first user's queue, and their save does not touch it")
    func isolation() async throws {
        try await Self.withWorld { world in
            _ = try await world.ada.ok("savePlayQueue", [("id", world.ids[0]), ("current", world.ids[0]), ("position", "5000")])
            for method in ["getPlayQueue", "getPlayQueueByIndex"] {
                let response = try await world.bob.ok(method)
                let queue = try #require(response[method == "getPlayQueue" ? "playQueue" : "playQueueByIndex"] as? [String: Any])
                #expect(queue["username"] as? String == Self.bob)
                #expect((queue["entry"] as? [Any])?.isEmpty ?? true, "\(method)")
                #expect(queue["position"] == nil)
            }
            _ = try await world.bob.ok("savePlayQueue")
            let ada = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            #expect((ada["entry"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test("a queue saved through Subsonic is the web player's (/api/me/queue), and one saved there is Subsonic's")
    func roundTrip() async throws {
        try await Self.withWorld { world in
            let ids = world.ids
            _ = try await world.ada.ok("savePlayQueue", [("id", ids[2]), ("id", ids[1]), ("current", ids[1]), ("position", "65000")])
            let web = try await world.web.send(.get, "/api/me/queue").object()
            #expect((web["tracks"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[2], ids[1]])
            #expect(web["current_index"] as? Int == 1)
            #expect(web["position_ms"] as? Int == 65_000)
            #expect(web["changed_by"] as? String == "Tempo")

            let saved = try await world.web.send(
                .put, "/api/me/queue",
                json: #"{"track_ids": ["\#(ids[0])", "\#(ids[2])", "\#(ids[0])"], "current_index": 2, "position_ms": 3210, "client": "MySpotify web"}"#)
            #expect(saved.status == .ok)
            let queue = try #require(try await world.ada.ok("getPlayQueue")["playQueue"] as? [String: Any])
            #expect((queue["entry"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0], ids[2], ids[0]])
            #expect(queue["current"] as? String == ids[0])
            #expect(queue["position"] as? Int == 3_210)
            #expect(queue["changedBy"] as? String == "MySpotify web")
            let byIndex = try #require(try await world.ada.ok("getPlayQueueByIndex")["playQueueByIndex"] as? [String: Any])
            #expect(byIndex["currentIndex"] as? Int == 2)

            // And back: Subsonic's save is what the web reads next.
            _ = try await world.ada.ok("savePlayQueueByIndex", [("id", ids[1]), ("currentIndex", "0"), ("position", "10")])
            let again = try await world.web.send(.get, "/api/me/queue").object()
            #expect((again["tracks"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[1]])
            #expect(again["position_ms"] as? Int == 10)
        }
    }
}
