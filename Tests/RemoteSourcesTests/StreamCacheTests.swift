import Foundation
@testable import Host
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Server
import TestSupport
import Testing

extension RemoteWorld {
    /// Runs `body` against the real server on a loopback port, signed in as its admin.
    func serve(_ body: @Sendable (SignedInClient) async throws -> Void) async throws {
        try await TestServer(host: host).run { session in
            try await body(try await session.account("owner@example.org"))
        }
    }

    /// Waits (bounded) until the track is marked cached.
    func waitUntilCached(_ id: String) async throws -> Track {
        for _ in 0..<100 {
            let track = try await host.catalog.track(id: id)
            if track.isCached { return track }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError(message: "track \(id) was never cached")
    }

    /// yt-dlp processes still fetching from this world's media server.
    func downloadProcesses() -> [String] {
        RemoteFixtures.processes(matching: "127.0.0.1:\(media.port)/media/")
    }

    func cacheFiles() -> [String] {
        (FileManager.default.enumerator(atPath: host.data.cache.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix("covers") && $0.contains(".") }
    }
}

@Suite("The shared stream cache", .serialized)
struct StreamCacheTests {
    @Test("a first play streams while caching; bytes equal the source; the replay comes from disk")
    func firstPlayCaches() async throws {
        let world = try await RemoteWorld.make()
        let track = try await world.youTubeTrack()
        let source = try world.mediaBytes("aaaaaaaaaa1.m4a")
        try await world.serve { client in
            try await client.execute(uri: "/stream/\(track.id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == source)
                #expect(response.headers[.contentType] == "audio/mp4")
            }
            let cached = try await world.waitUntilCached(track.id)
            #expect(cached.localPath == "youtube/aaaaaaaaaa1.m4a")
            let requestsAfterFirstPlay = world.media.requests(for: "aaaaaaaaaa1.m4a")
            try await client.execute(uri: "/stream/\(track.id)", method: .get, headers: [.range: "bytes=10-19"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 10-19/\(source.count)")
                #expect(Array(response.body.readableBytesView) == Array(source[10...19]))
            }
            #expect(world.media.requests(for: "aaaaaaaaaa1.m4a") == requestsAfterFirstPlay)
            #expect(world.host.admin.downloads().startedSinceLaunch == 1)
            try await client.execute(uri: "/api/search?q=lucky&sources=youtube", method: .get) { response in
                #expect(String(buffer: response.body).contains("\"is_cached\":true"))
            }
        }
        #expect(try await world.youTubeTrack().id == track.id, "the same video keeps its track id")
    }

    @Test("five clients of one uncached track start exactly one download and all get every byte")
    func singleFlight() async throws {
        let world = try await RemoteWorld.make()
        world.media.setBehaviour(.throttled(bytes: 8192, delay: .milliseconds(60)), for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        let source = try world.mediaBytes("aaaaaaaaaa1.m4a")
        try await world.serve { client in
            try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        try await client.execute(uri: "/stream/\(track.id)", method: .get) { Array($0.body.readableBytesView) }
                    }
                }
                for try await bytes in group { #expect(bytes == source) }
            }
        }
        #expect(world.host.admin.downloads().startedSinceLaunch == 1)
        try await Task.sleep(for: .milliseconds(500))
        #expect(world.downloadProcesses().isEmpty, "no yt-dlp left running")
    }

    @Test("a range within the bytes written so far is answered while the download goes on")
    func rangeOnGrowingFile() async throws {
        let world = try await RemoteWorld.make()
        world.media.setBehaviour(.throttled(bytes: 4096, delay: .milliseconds(100)), for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        let source = try world.mediaBytes("aaaaaaaaaa1.m4a")
        try await world.serve { client in
            try await client.execute(uri: "/stream/\(track.id)", method: .get, headers: [.range: "bytes=0-99"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 0-99/*")
                #expect(Array(response.body.readableBytesView) == Array(source[0...99]))
            }
            #expect(world.host.admin.downloads().trackIDs.contains(track.id))
            // A range beyond what is written waits for those bytes.
            let far = source.count - 50
            try await client.execute(uri: "/stream/\(track.id)", method: .get, headers: [.range: "bytes=\(far)-\(far + 9)"]) { response in
                #expect(response.status == .partialContent)
                #expect(Array(response.body.readableBytesView) == Array(source[far...(far + 9)]))
            }
            // An end past any file (more than 64 bits of digits) is clamped, never a guessed
            // length: the answer waits for the end of the download and is exact.
            try await client.execute(uri: "/stream/\(track.id)", method: .get, headers: [.range: "bytes=10-99999999999999999999"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes 10-\(source.count - 1)/\(source.count)")
                #expect(response.headers[.contentLength] == String(source.count - 10))
                #expect(Array(response.body.readableBytesView) == Array(source[10...]))
            }
        }
    }

    @Test("a suffix range on a growing file waits for the end and is exact; HEAD sends no body")
    func suffixRangeAndHeadOnGrowingFile() async throws {
        let world = try await RemoteWorld.make()
        world.media.setBehaviour(.throttled(bytes: 8192, delay: .milliseconds(50)), for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        let source = try world.mediaBytes("aaaaaaaaaa1.m4a")
        try await world.serve { client in
            try await client.execute(uri: "/stream/\(track.id)", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.acceptRanges] == "bytes")
            }
            try await client.execute(uri: "/stream/\(track.id)", method: .get, headers: [.range: "bytes=-100"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentRange] == "bytes \(source.count - 100)-\(source.count - 1)/\(source.count)")
                #expect(Array(response.body.readableBytesView) == Array(source.suffix(100)))
            }
            try await client.execute(uri: "/stream/\(track.id)", method: .get, headers: [.range: "bytes=\(source.count)-"]) { response in
                #expect(response.status == .rangeNotSatisfiable)
            }
        }
        #expect(world.host.admin.downloads().startedSinceLaunch == 1)
    }

    @Test("a client that leaves early still leaves a complete cached file")
    func clientDisconnects() async throws {
        let world = try await RemoteWorld.make()
        world.media.setBehaviour(.throttled(bytes: 4096, delay: .milliseconds(80)), for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        try await world.serve { client in
            let port = try #require(client.port)
            // curl gives up after 0.4 s, long before the throttled download ends.
            try? await AudioFixtures.run("curl", ["-s", "-H", client.authorization, "-o", "/dev/null", "--max-time", "0.4", "http://127.0.0.1:\(port)/stream/\(track.id)"])
            let cached = try await world.waitUntilCached(track.id)
            let file = world.host.data.cache.appendingPathComponent(try #require(cached.localPath))
            #expect([UInt8](try Data(contentsOf: file)) == (try world.mediaBytes("aaaaaaaaaa1.m4a")))
        }
    }

    @Test("a source that dies mid-file leaves no file and no flag; the next play tries again and works")
    func sourceDies() async throws {
        let world = try await RemoteWorld.make()
        world.media.setBehaviour(.diesMidFile, for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        let source = try world.mediaBytes("aaaaaaaaaa1.m4a")
        try await world.serve { client in
            let completeAnswer = try? await client.execute(uri: "/stream/\(track.id)", method: .get) { response -> Bool in
                if response.status == .badGateway { #expect(response.headers[.contentType]?.hasPrefix("application/json") == true) }
                return response.status == .ok && Array(response.body.readableBytesView) == source
            }
            #expect(completeAnswer != true, "a cut download was served as complete")
        }
        for _ in 0..<100 where world.host.admin.downloads().trackIDs.contains(track.id) { try await Task.sleep(for: .milliseconds(100)) }
        #expect(try await world.host.catalog.track(id: track.id).isCached == false)
        #expect(world.cacheFiles().isEmpty, "left behind: \(world.cacheFiles())")

        world.media.setBehaviour(.normal, for: "aaaaaaaaaa1.m4a")
        // A new connection: the cut answer closed the last one.
        try await world.serve { client in
            try await client.execute(uri: "/stream/\(track.id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == source)
            }
            _ = try await world.waitUntilCached(track.id)
        }
    }

    @Test("an unknown remote item is a JSON 404 before any byte is sent")
    func unknownRemoteItem() async throws {
        let world = try await RemoteWorld.make()
        let track = try await world.youTubeTrack("bbbbbbbbbb2")
        try FileManager.default.removeItem(at: world.mediaFolder.appending("bbbbbbbbbb2.m4a"))
        try await world.serve { client in
            try await client.execute(uri: "/stream/\(track.id)", method: .get) { response in
                // The source says it has no such item: that is a 404, whatever the source.
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("\"error\""))
                #expect(!String(buffer: response.body).contains("127.0.0.1"), "the tool's output reached a user")
            }
        }
    }

    @Test("a stalled source is stopped after the stall timeout, its whole process group with it")
    func stalledSourceIsKilled() async throws {
        var settings = StreamCache.Settings()
        settings.stallTimeout = .seconds(1)
        let world = try await RemoteWorld.make(cacheSettings: settings)
        world.media.setBehaviour(.stallsMidFile, for: "aaaaaaaaaa1.m4a")
        let track = try await world.youTubeTrack()
        let completeFile = try? await world.host.streams.completeFile(trackID: track.id)
        #expect(completeFile == nil)
        try await Task.sleep(for: .milliseconds(800))
        #expect(world.downloadProcesses().isEmpty, "\(world.downloadProcesses())")
        #expect(world.cacheFiles().isEmpty)
    }

    @Test("at most the configured number of downloads run at once; the rest wait their turn")
    func boundedDownloads() async throws {
        var settings = StreamCache.Settings()
        settings.maximumConcurrentDownloads = 1
        // No search hits resolved ahead: yt-dlp's look at a page is a request for its file
        // too, which would count here as a second file sent at once.
        let world = try await RemoteWorld.make(cacheSettings: settings, youTubeOptions: #""prepare_hits": 0"#)
        for name in ["aaaaaaaaaa1.m4a", "bbbbbbbbbb2.m4a"] {
            world.media.setBehaviour(.throttled(bytes: 8192, delay: .milliseconds(50)), for: name)
        }
        let first = try await world.youTubeTrack("aaaaaaaaaa1")
        let second = try await world.youTubeTrack("bbbbbbbbbb2")
        let job = CacheJob(streams: world.host.streams, trackIDs: [first.id, second.id])
        let other = CacheJob(streams: world.host.streams, trackIDs: [second.id, first.id])
        await job.wait()
        await other.wait()
        #expect(job.progress.cached == 2)
        #expect(job.progress.failed == 0)
        #expect(job.progress.running == false)
        #expect(world.media.peakConcurrentFiles == 1)
        #expect(world.host.admin.downloads().startedSinceLaunch == 2)
    }

    @Test("delete removes a cached file (even while it is read); the next play downloads it again")
    func deleteCachedTrack() async throws {
        let world = try await RemoteWorld.make()
        let track = try await world.youTubeTrack()
        _ = try await world.host.streams.completeFile(trackID: track.id)
        let source = try world.mediaBytes("aaaaaaaaaa1.m4a")
        try await world.serve { client in
            let port = try #require(client.port)
            let output = world.tools.appending("slow-read.m4a")
            let reading = Task {
                try await AudioFixtures.run("curl", ["-s", "-H", client.authorization, "--limit-rate", "16k", "-o", output.path, "http://127.0.0.1:\(port)/stream/\(track.id)"])
            }
            try await Task.sleep(for: .milliseconds(500))
            try await client.execute(uri: "/api/admin/cache/\(track.id)", method: .delete) { #expect($0.status == .noContent) }
            try await reading.value
            #expect([UInt8](try Data(contentsOf: output)) == source, "the reader finished with every byte")
            #expect(try await world.host.catalog.track(id: track.id).isCached == false)
            #expect(world.cacheFiles().isEmpty)

            try await client.execute(uri: "/api/admin/cache/\(track.id)", method: .delete) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/stream/\(track.id)", method: .get) { #expect(Array($0.body.readableBytesView) == source) }
            #expect(world.host.admin.downloads().startedSinceLaunch == 2)
            _ = try await world.waitUntilCached(track.id)
            try await client.execute(uri: "/api/admin/cache", method: .get) { response in
                #expect(String(buffer: response.body).contains("\"count\":1"))
            }
        }
    }

    @Test("part files are removed only when asked (serve does at start-up), never by merely opening the host")
    func leftoversRemoved() async throws {
        let folder = try TemporaryFolder("leftover")
        let part = folder.appending("cache/youtube/aaaaaaaaaa1.part")
        try FileManager.default.createDirectory(at: part.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("half a file".utf8).write(to: part)
        let test = try TestHost(folder: folder)
        #expect(FileManager.default.fileExists(atPath: part.path), "a CLI command beside a live server must not delete its downloads")
        #expect(test.host.cache.removeLeftovers() == 1)
        #expect(!FileManager.default.fileExists(atPath: part.path))
    }
}

/// Whether this process may mount a small tmpfs (root on Linux), to fill a disk for real.
let canMountTmpfs: Bool = geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")

@Suite("A full cache disk")
struct FullDiskTests {
    @Test("a download that fills the disk fails cleanly: no part file, nothing marked, a clear error", .enabled(if: canMountTmpfs))
    func diskFull() async throws {
        let world = try await RemoteWorld.make()
        let cache = world.host.data.cache.path
        try await AudioFixtures.run("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", cache])
        defer { try? AudioFixtures.runBlocking("umount", [cache]) }
        let track = try await world.youTubeTrack()
        do {
            _ = try await world.host.streams.completeFile(trackID: track.id)
            Issue.record("a 48 KB download fit in a 16 KB disk")
        } catch {
            #expect("\(error)".contains("disk is full"), "\(error)")
        }
        #expect(try await world.host.catalog.track(id: track.id).isCached == false)
        #expect(world.cacheFiles().isEmpty, "\(world.cacheFiles())")
    }
}
