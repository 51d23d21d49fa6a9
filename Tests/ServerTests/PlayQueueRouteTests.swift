import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// `GET`/`PUT /api/me/queue`: the web player's side of the play queue.
@Suite("The play queue through /api")
struct PlayQueueRouteTests {
    static func fixture() async throws -> (ServerFixture, [String]) {
        let fixture = try ServerFixture(label: "queue-route")
        for number in 1...2 {
            try await fixture.test.addTrack("A/B/0\(number) - S\(number).mp3", tags: ["title": "S\(number)", "track": "\(number)"])
        }
        await fixture.test.scan()
        return (fixture, [try await fixture.trackID(at: "A/B/01 - S1.mp3"), try await fixture.trackID(at: "A/B/02 - S2.mp3")])
    }

    @Test("empty at first; a PUT answers and reads back the queue with repeats, index, position and the app; an empty list clears")
    func roundTrip() async throws {
        let (fixture, ids) = try await Self.fixture()
        try await fixture.run { client in
            let first = try await client.send(.get, "/api/me/queue").json()
            #expect((first["tracks"] as? [Any])?.isEmpty == true)
            #expect(first["position_ms"] as? Int == 0)
            #expect(first["current_index"] == nil && first["changed_at"] == nil && first["changed_by"] == nil)

            let body = #"{"track_ids": ["\#(ids[1])", "\#(ids[0])", "\#(ids[1])"], "current_index": 2, "position_ms": 15250, "client": "MySpotify web"}"#
            let saved = try await client.send(.put, "/api/me/queue", json: body)
            #expect(saved.status == .ok)
            for answer in [try saved.json(), try await client.send(.get, "/api/me/queue").json()] {
                let tracks = try #require(answer["tracks"] as? [[String: Any]])
                #expect(tracks.map { $0["id"] as? String } == [ids[1], ids[0], ids[1]])
                #expect(tracks.first?["stream_url"] as? String == "/stream/\(ids[1])", "whole Track objects")
                #expect(answer["current_index"] as? Int == 2)
                #expect(answer["position_ms"] as? Int == 15_250)
                #expect(answer["changed_by"] as? String == "MySpotify web")
                #expect((answer["changed_at"] as? String)?.isEmpty == false)
            }
            let anonymousApp = try await client.send(.put, "/api/me/queue", json: #"{"track_ids": ["\#(ids[0])"], "current_index": 0}"#).json()
            #expect(anonymousApp["changed_by"] as? String == "MySpotify API")
            #expect(anonymousApp["position_ms"] as? Int == 0)

            let cleared = try await client.send(.put, "/api/me/queue", json: #"{"track_ids": []}"#).json()
            #expect((cleared["tracks"] as? [Any])?.isEmpty == true)
            #expect(cleared["current_index"] == nil)
        }
    }

    @Test("bad bodies are refused with the reason and change nothing: 400, 404 for an unknown track, 415 without JSON")
    func refusals() async throws {
        let (fixture, ids) = try await Self.fixture()
        try await fixture.run { client in
            try await client.send(.put, "/api/me/queue", json: #"{"track_ids": ["\#(ids[0])"], "current_index": 0, "position_ms": 10}"#)
            let cases: [(String, HTTPResponse.Status, String)] = [
                (#"{"track_ids": ["\#(ids[0])"]}"#, .badRequest, "say which track of the queue is current"),
                (#"{"track_ids": ["\#(ids[0])"], "current_index": 1}"#, .badRequest, "the current index must be from 0 to 0, got 1"),
                (#"{"track_ids": ["\#(ids[0])"], "current_index": 0, "position_ms": -1}"#, .badRequest, "the position must be from 0"),
                (#"{"track_ids": ["nope"], "current_index": 0}"#, .notFound, "no track with id nope"),
                (#"{"current_index": 0}"#, .badRequest, "track_ids"),
                (#"{"track_ids": "\#(ids[0])", "current_index": 0}"#, .badRequest, "wrong type"),
            ]
            for (body, status, message) in cases {
                let answer = try await client.send(.put, "/api/me/queue", json: body)
                #expect(answer.status == status, "\(body)")
                #expect(answer.errorMessage.contains(message), "\(body): \(answer.errorMessage)")
            }
            let notJSON = try await client.executeRequest(
                uri: "/api/me/queue", method: .put, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "{}"))
            #expect(notJSON.status == .unsupportedMediaType)
            let kept = try await client.send(.get, "/api/me/queue").json()
            #expect((kept["tracks"] as? [[String: Any]])?.map { $0["id"] as? String } == [ids[0]])
            #expect(kept["position_ms"] as? Int == 10)
        }
    }
}
