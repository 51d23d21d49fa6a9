import Foundation
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Playlists are bounded: tracks per playlist, ids per request, playlists per person, and
/// tracks per answer (a long playlist is read in pages), each refusal saying which bound.
@Suite("Playlist limits and paging")
struct PlaylistLimitTests {
    static func fixture(_ label: String) async throws -> (ServerFixture, [String]) {
        let fixture = try ServerFixture(label: label)
        for (index, title) in ["One", "Two"].enumerated() {
            try await fixture.test.addTrack("A/X/0\(index + 1) - \(title).mp3", tags: ["title": title])
        }
        await fixture.test.scan()
        return (fixture, [try await fixture.trackID(at: "A/X/01 - One.mp3"), try await fixture.trackID(at: "A/X/02 - Two.mp3")])
    }

    static func ids(_ id: String, count: Int) -> String {
        "[" + Array(repeating: "\"\(id)\"", count: count).joined(separator: ",") + "]"
    }

    @Test("more ids than one request may add is a 400 naming the bound, and adds nothing")
    func idsPerRequest() async throws {
        let (fixture, tracks) = try await Self.fixture("playlist-request")
        try await fixture.run { owner in
            let id = try #require(try await owner.send(.post, "/api/playlists", json: #"{"name": "Big"}"#).object()["id"] as? String)
            let tooMany = PlaylistLimits.tracksPerRequest + 1
            let answer = try await owner.send(.post, "/api/playlists/\(id)/tracks", json: #"{"track_ids": \#(Self.ids(tracks[0], count: tooMany))}"#)
            #expect(answer.status == .badRequest)
            #expect(answer.errorMessage.contains("at most \(PlaylistLimits.tracksPerRequest)"), "\(answer.errorMessage)")
            #expect(try await owner.send(.get, "/api/playlists/\(id)").object()["track_count"] as? Int == 0)
        }
    }

    @Test("a full playlist refuses more tracks with a 409 and keeps what it has; it is read in pages")
    func tracksPerPlaylist() async throws {
        let (fixture, tracks) = try await Self.fixture("playlist-full")
        try await fixture.run { owner in
            let id = try #require(try await owner.send(.post, "/api/playlists", json: #"{"name": "Everything"}"#).object()["id"] as? String)
            let batch = PlaylistLimits.tracksPerRequest
            for _ in 0..<(PlaylistLimits.tracksPerPlaylist / batch) {
                let added = try await owner.send(.post, "/api/playlists/\(id)/tracks", json: #"{"track_ids": \#(Self.ids(tracks[0], count: batch))}"#)
                #expect(added.status == .ok)
            }
            let refused = try await owner.send(.post, "/api/playlists/\(id)/tracks", json: #"{"track_ids": ["\#(tracks[1])"]}"#)
            #expect(refused.status == .conflict)
            #expect(refused.errorMessage.contains("at most \(PlaylistLimits.tracksPerPlaylist) tracks"), "\(refused.errorMessage)")

            let first = try await owner.send(.get, "/api/playlists/\(id)").object()
            #expect(first["track_count"] as? Int == PlaylistLimits.tracksPerPlaylist)
            #expect((first["tracks"] as? [Any])?.count == PlaylistLimits.defaultPage, "one answer holds one page")
            #expect(first["offset"] as? Int == 0)

            // The last page, and a track moved to the end shows there.
            _ = try await owner.send(.post, "/api/playlists/\(id)/tracks/move", json: #"{"from": 0, "to": 9999}"#)
            let last = try await owner.send(.get, "/api/playlists/\(id)?offset=9990&limit=100").object()
            let titles = (last["tracks"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
            #expect(titles.count == 10)
            #expect(last["offset"] as? Int == 9990)
            #expect(try await owner.send(.get, "/api/playlists/\(id)?limit=501").status == .badRequest)
        }
    }

    @Test("a person with the most playlists allowed gets a 409 for one more")
    func playlistsPerUser() async throws {
        let (fixture, _) = try await Self.fixture("playlist-count")
        try await fixture.run { owner in
            let me = try await owner.send(.get, "/api/me").object()
            let userID = try #require(me["id"] as? String)
            for index in 1..<PlaylistLimits.playlistsPerUser {
                _ = try await fixture.test.host.playlists.create(ownerID: userID, name: "List \(index)", isPublic: false)
            }
            #expect(try await owner.send(.post, "/api/playlists", json: #"{"name": "The last one"}"#).status == .created)
            let refused = try await owner.send(.post, "/api/playlists", json: #"{"name": "One too many"}"#)
            #expect(refused.status == .conflict)
            #expect(refused.errorMessage.contains("\(PlaylistLimits.playlistsPerUser) playlists"), "\(refused.errorMessage)")
        }
    }
}
