import Foundation
@testable import Host
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// A remote track transcoded from the download while the real yt-dlp is still fetching it
/// from the local media server, from the cache once it is there, and never passed off as
/// whole when the download fails.
@Suite("Transcoding remote tracks", .serialized)
struct TranscodeWhileDownloadingTests {
    /// The YouTube fixture replaced by `seconds` of noise in an MP4 with its index first (as
    /// YouTube's own audio files have it) or last (as ffmpeg writes it by default).
    static func world(seconds: Int, indexFirst: Bool) async throws -> RemoteWorld {
        let world = try await RemoteWorld.make()
        try await TranscodeFixtures.noise(at: world.mediaFolder.appending("aaaaaaaaaa1.m4a"), seconds: seconds, faststart: indexFirst)
        return world
    }

    static func stream(_ world: RemoteWorld, _ track: Track, query: String, client: SignedInClient) throws -> RawHTTPConnection {
        let connection = try RawHTTPConnection(port: try #require(client.port))
        try connection.get("/stream/\(track.id)?\(query)", headers: [client.authorization])
        return connection
    }

    @Test("the first play of an uncached track is transcoded while it downloads; the replay from the cache")
    func whileDownloading() async throws {
        let world = try await Self.world(seconds: 8, indexFirst: true)
        let size = try world.mediaBytes("aaaaaaaaaa1.m4a").count
        // About 4 s to download.
        world.media.setBehaviour(.throttled(bytes: size / 40, delay: .milliseconds(100)), for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        try await world.serve { client in
            let connection = try Self.stream(world, track, query: "format=opus&max_bitrate=64", client: client)
            let first = await connection.read(atLeast: 2048)
            #expect(RawHTTPConnection.split(first).head.hasPrefix("HTTP/1.1 200"))
            #expect(world.host.admin.downloads().trackIDs.contains(track.id), "the transcode started before the download ended")
            let (head, body) = RawHTTPConnection.split(await connection.readToEnd())
            #expect(head.lowercased().contains("transfer-encoding: chunked"))
            let (payload, complete) = RawHTTPConnection.dechunk(body)
            #expect(complete)
            let probe = try await TranscodeFixtures.probe(payload, in: world.tools, suffix: "opus")
            #expect(probe.codec == "opus")
            #expect(abs(probe.seconds - 8) < 0.5, "\(probe)")
            _ = try await world.waitUntilCached(track.id)
            try await client.execute(uri: "/stream/\(track.id)?format=mp3&max_bitrate=96", method: .get) { response in
                #expect(response.status == .ok)
                let probe = try await TranscodeFixtures.probe(Array(response.body.readableBytesView), in: world.tools, suffix: "mp3")
                #expect(probe.codec == "mp3")
                #expect(abs(probe.seconds - 8) < 0.5, "\(probe)")
            }
        }
        #expect(world.host.admin.downloads().startedSinceLaunch == 1, "one download served both")
        #expect(TranscodeFixtures.transcodeProcesses(of: world.test).isEmpty)
    }

    @Test("an MP4 with its index at the end is transcoded once its download is complete")
    func indexLast() async throws {
        let world = try await Self.world(seconds: 6, indexFirst: false)
        let size = try world.mediaBytes("aaaaaaaaaa1.m4a").count
        world.media.setBehaviour(.throttled(bytes: size / 10, delay: .milliseconds(100)), for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        try await world.serve { client in
            try await client.execute(uri: "/stream/\(track.id)?format=opus", method: .get) { response in
                #expect(response.status == .ok)
                let probe = try await TranscodeFixtures.probe(Array(response.body.readableBytesView), in: world.tools, suffix: "opus")
                #expect(probe.codec == "opus")
                #expect(abs(probe.seconds - 6) < 0.5, "\(probe)")
            }
        }
    }

    @Test("a download that dies mid-file cuts the transcoded stream: it never ends as if whole")
    func downloadDies() async throws {
        let world = try await Self.world(seconds: 8, indexFirst: true)
        world.media.setBehaviour(.diesMidFile, for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        try await world.serve { client in
            let connection = try Self.stream(world, track, query: "format=mp3&max_bitrate=128", client: client)
            let (head, body) = RawHTTPConnection.split(await connection.readToEnd())
            if head.hasPrefix("HTTP/1.1 200") {
                #expect(!RawHTTPConnection.dechunk(body).complete, "a cut download was transcoded as if complete")
            } else {
                #expect(head.hasPrefix("HTTP/1.1 502"), "\(head)")
            }
        }
        #expect(await TranscodeFixtures.eventually { TranscodeFixtures.transcodeProcesses(of: world.test).isEmpty })
        #expect(world.host.transcoding.slotsInUse == 0)
    }
}
