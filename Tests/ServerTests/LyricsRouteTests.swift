import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// `GET /api/tracks/{id}/lyrics`: an `.lrc` sidecar and an embedded tag, both shapes.
@Suite("Lyrics through /api")
struct LyricsRouteTests {
    @Test("a synced .lrc (start_ms, offset_ms) first, then the embedded text (no start_ms); none is an empty list; unknown is 404")
    func lyrics() async throws {
        let fixture = try ServerFixture(label: "lyrics-route")
        try await fixture.test.addTrack("Nina/Songs/01 - Synced.m4a", tags: ["title": "Synced", "lyrics": "Plain one\n\nPlain two"])
        try Data("\u{FEFF}[offset:-300]\r\n[00:01.20][00:09.00]Again\r\n[00:05.00]Middle\r\n".utf8)
            .write(to: fixture.test.library.appendingPathComponent("Nina/Songs/01 - Synced.lrc"))
        try await fixture.test.addTrack("Nina/Songs/02 - Silent.mp3", tags: ["title": "Silent"])
        await fixture.test.scan()
        let synced = try await fixture.trackID(at: "Nina/Songs/01 - Synced.m4a")
        let silent = try await fixture.trackID(at: "Nina/Songs/02 - Silent.mp3")
        try await fixture.run { client in
            let answer = try await client.send(.get, "/api/tracks/\(synced)/lyrics")
            #expect(answer.status == .ok)
            let body = try answer.json()
            #expect(body["track_id"] as? String == synced)
            let sets = try #require(body["lyrics"] as? [[String: Any]])
            #expect(sets.map { $0["source"] as? String } == ["sidecar", "embedded"])
            #expect(sets.map { $0["synced"] as? Bool } == [true, false])
            #expect(sets[0]["offset_ms"] as? Int == -300)
            #expect(sets[0]["lang"] == nil, "an unknown language is left out")
            let timed = try #require(sets[0]["lines"] as? [[String: Any]])
            #expect(timed.map { $0["start_ms"] as? Int } == [1_200, 5_000, 9_000])
            #expect(timed.map { $0["text"] as? String } == ["Again", "Middle", "Again"])
            let plain = try #require(sets[1]["lines"] as? [[String: Any]])
            #expect(plain.map { $0["text"] as? String } == ["Plain one", "", "Plain two"])
            #expect(plain.allSatisfy { $0["start_ms"] == nil })
            #expect(!answer.text.contains("null"))

            let none = try await client.send(.get, "/api/tracks/\(silent)/lyrics").json()
            #expect((none["lyrics"] as? [Any])?.isEmpty == true)
            let unknown = try await client.send(.get, "/api/tracks/no-such-track/lyrics")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
        }
    }
}
