import Foundation
import HTTPTypes
import TestSupport
import Testing

/// An artist page leads with the artist's tracks most played in this household: every
/// account's plays added up, each person's own likes on them, and nothing private besides.
@Suite("Artist top tracks")
struct ArtistTopTracksTests {
    @Test("/api/artists/{id} lists top_tracks by the household's plays, each viewer's own likes, never-played ones left out")
    func topTracks() async throws {
        let fixture = try ServerFixture(label: "top-tracks")
        for (number, title) in ["Alpha", "Beta", "Gamma"].enumerated() {
            try await fixture.test.addTrack(
                "Band/Record/0\(number + 1) - \(title).mp3", tags: ["title": title, "artist": "Band", "album": "Record", "track": "\(number + 1)"],
                frequency: 300 + number * 50)
        }
        await fixture.test.scan()
        let alpha = try await fixture.trackID(at: "Band/Record/01 - Alpha.mp3")
        let beta = try await fixture.trackID(at: "Band/Record/02 - Beta.mp3")
        try await fixture.session { session in
            let ada = try await session.signUp("ada@example.org")
            let bob = try await session.signUp("bob@example.org")
            // Ada plays Alpha twice, Bob plays Beta three times: Beta leads the household.
            for _ in 0..<2 { try await ada.send(.post, "/api/tracks/\(alpha)/played") }
            for _ in 0..<3 { try await bob.send(.post, "/api/tracks/\(beta)/played") }
            try await ada.send(.put, "/api/tracks/\(beta)/like")
            let artistID = try #require(try await ada.send(.get, "/api/tracks/\(alpha)").object()["artist_id"] as? String)

            let adaPage = try await ada.send(.get, "/api/artists/\(artistID)").object()
            let adaTop = try #require(adaPage["top_tracks"] as? [[String: Any]])
            #expect(adaTop.map { $0["title"] as? String } == ["Beta", "Alpha"], "Gamma was never played")
            #expect(adaTop.map { $0["liked"] as? Bool } == [true, false])
            #expect((adaPage["albums"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Record"])
            let bobTop = try #require(try await bob.send(.get, "/api/artists/\(artistID)").object()["top_tracks"] as? [[String: Any]])
            #expect(bobTop.map { $0["title"] as? String } == ["Beta", "Alpha"])
            #expect(bobTop.map { $0["liked"] as? Bool } == [false, false], "Ada's like is hers")
            // Only the order is shared: no play counts, and each person's history stays theirs.
            #expect(bobTop.allSatisfy { $0["plays"] == nil && $0["play_count"] == nil })
            let bobHistory = try await bob.send(.get, "/api/history").items()
            #expect(bobHistory.count == 3)
            #expect(try await session.anonymous.send(.get, "/api/artists/\(artistID)").status == .unauthorized)
        }
    }
}
