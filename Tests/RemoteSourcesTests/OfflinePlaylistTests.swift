import Foundation
import HTTPTypes
@testable import Host
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Offline playlists cache every track through the shared cache (real yt-dlp against the
/// local media server), with progress a client can follow.
@Suite("Offline playlists", .serialized)
struct OfflinePlaylistTests {
    /// Polls the playlist (bounded) until its offline state is not `caching`.
    static func settled(_ client: SignedInClient, _ id: String) async throws -> [String: Any] {
        var seen: [String: Any] = [:]
        for _ in 0..<300 {
            seen = try await client.send(.get, "/api/playlists/\(id)").object()
            if (seen["offline"] as? [String: Any])?["state"] as? String != "caching" { return seen }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError(message: "the playlist is still caching after 30 s: \(seen["offline"] ?? "")")
    }

    @Test("switching a playlist to offline caches its remote tracks in the background, with cached/total progress")
    func cachesEveryTrack() async throws {
        let world = try await RemoteWorld.make()
        world.media.setBehaviour(.throttled(bytes: 8192, delay: .milliseconds(40)), for: "aaaaaaaaaa1.m4a")
        try await world.test.addTrack("Local/Album/01 - Here.mp3", tags: ["title": "Here"])
        await world.test.scan()
        let local = try #require(try await world.test.track(at: "Local/Album/01 - Here.mp3"))
        let lucky = try await world.youTubeTrack("aaaaaaaaaa1")
        let star = try await world.youTubeTrack("bbbbbbbbbb2")
        try await world.serve { ada in
            let playlist = try await ada.send(.post, "/api/playlists", json: #"{"name": "For the plane"}"#).object()
            let id = try #require(playlist["id"] as? String)
            try await ada.send(.post, "/api/playlists/\(id)/tracks", json: #"{"track_ids": ["\#(local.id)", "\#(lucky.id)", "\#(star.id)"]}"#)
            let off = try await ada.send(.get, "/api/playlists/\(id)").object()["offline"] as? [String: Any]
            #expect(off?["state"] as? String == "off")
            #expect(off?["cached"] as? Int == 1, "the library file is on disk already")

            let switched = try await ada.send(.patch, "/api/playlists/\(id)", json: #"{"is_offline": true}"#).object()
            #expect(switched["is_offline"] as? Bool == true)
            let progress = try #require(switched["offline"] as? [String: Any])
            #expect(progress["state"] as? String == "caching")
            #expect(progress["total"] as? Int == 3)
            #expect((progress["cached"] as? Int ?? 0) < 3)

            let done = try await Self.settled(ada, id)
            let offline = try #require(done["offline"] as? [String: Any])
            #expect(offline["state"] as? String == "done")
            #expect(offline["cached"] as? Int == 3)
            #expect((done["tracks"] as? [[String: Any]])?.allSatisfy { $0["is_cached"] as? Bool == true } == true)
            #expect(world.host.admin.downloads().startedSinceLaunch == 2, "one download per remote track, through the shared cache")
            #expect(Set(world.cacheFiles()) == ["youtube/aaaaaaaaaa1.m4a", "youtube/bbbbbbbbbb2.m4a"])
            let cachedBytes = try Data(contentsOf: world.host.data.cache.appendingPathComponent("youtube/aaaaaaaaaa1.m4a"))
            #expect([UInt8](cachedBytes) == (try world.mediaBytes("aaaaaaaaaa1.m4a")))
        }
    }

    @Test("a track that cannot be fetched leaves the playlist incomplete with the reason; the next change retries it")
    func incompleteThenRetried() async throws {
        let world = try await RemoteWorld.make()
        let lucky = try await world.youTubeTrack("aaaaaaaaaa1")
        let star = try await world.youTubeTrack("bbbbbbbbbb2")
        let hidden = world.mediaFolder.appending("bbbbbbbbbb2.m4a")
        let kept = world.tools.appending("bbbbbbbbbb2.m4a")
        try FileManager.default.moveItem(at: hidden, to: kept)
        try await world.serve { ada in
            let id = try #require(try await ada.send(.post, "/api/playlists", json: #"{"name": "Gaps"}"#).object()["id"] as? String)
            try await ada.send(.post, "/api/playlists/\(id)/tracks", json: #"{"track_ids": ["\#(lucky.id)", "\#(star.id)"]}"#)
            try await ada.send(.patch, "/api/playlists/\(id)", json: #"{"is_offline": true}"#)
            let incomplete = try #require(try await Self.settled(ada, id)["offline"] as? [String: Any])
            #expect(incomplete["state"] as? String == "incomplete")
            #expect(incomplete["cached"] as? Int == 1)
            #expect(incomplete["failed"] as? Int == 1)
            #expect((incomplete["problems"] as? [String])?.first?.contains(star.id) == true)

            try FileManager.default.moveItem(at: kept, to: hidden)
            try await ada.send(.patch, "/api/playlists/\(id)", json: #"{"is_offline": true}"#)
            let complete = try #require(try await Self.settled(ada, id)["offline"] as? [String: Any])
            #expect(complete["state"] as? String == "done", "the retry failed: \(complete["problems"] ?? "")")
            #expect(complete["cached"] as? Int == 2)
        }
    }
}
