import Foundation
import HTTPTypes
@testable import Host
import Hummingbird
import SourceAPI
import HummingbirdTesting
import TestSupport
import Testing

/// Issue 10, point 4: thumbnails are made once, kept whole on disk, served from there, and
/// a 304 costs nothing; ffmpeg runs for one thumbnail at a time per thumbnail and for at
/// most `maximumThumbnailJobs` at once. ffmpeg is real, behind a script that counts its runs.
@Suite("Cover thumbnails on disk", .serialized)
struct ThumbnailCacheTests {
    struct World {
        let fixture: ServerFixture
        let ffmpeg: CountingCommand
        let id: String
        let original: [UInt8]
        let tools: TemporaryFolder

        var covers: URL { fixture.test.data.cache.appendingPathComponent("covers") }
    }

    static func world(
        label: String, delaySeconds: Double = 0, jobs: Int = 2, waiting: Int = 64, hanging: Bool = false,
        timeout: Duration = .seconds(10)
    ) async throws -> World {
        let tools = try TemporaryFolder("\(label)-tools")
        let ffmpeg = hanging ? try CountingCommand(hangingIn: tools) : try CountingCommand(wrapping: "ffmpeg", in: tools, delaySeconds: delaySeconds)
        var settings = CoverService.Settings()
        settings.ffmpeg = ffmpeg.path
        settings.maximumThumbnailJobs = jobs
        settings.maximumWaitingThumbnails = waiting
        settings.thumbnailTimeout = timeout
        let fixture = try ServerFixture(test: TestHost(label: label, coverSettings: settings))
        let image = try await AudioFixtures.image(at: fixture.test.library.appendingPathComponent("A/B/cover.jpg"), size: 300)
        try await fixture.test.addTrack("A/B/01 - Song.mp3", tags: ["title": "Song", "artist": "A"])
        await fixture.test.scan()
        return World(
            fixture: fixture, ffmpeg: ffmpeg, id: try await fixture.trackID(at: "A/B/01 - Song.mp3"),
            original: [UInt8](try Data(contentsOf: image)), tools: tools)
    }

    @Test("a thumbnail is made once, finished as a .jpg on disk (no part file), then served from disk without ffmpeg")
    func madeOnceServedFromDisk() async throws {
        let world = try await Self.world(label: "thumb-once")
        let first = try await world.fixture.test.host.covers.cover(id: world.id, size: 32)
        #expect(first.contentType == "image/jpeg")
        #expect(first.bytes.starts(with: [0xFF, 0xD8]))
        #expect(world.ffmpeg.runs == 1)
        let files = try #require(FileManager.default.enumerator(atPath: world.covers.path)?.allObjects as? [String])
        #expect(files.filter { $0.hasSuffix(".jpg") }.count == 1, "\(files)")
        #expect(!files.contains { $0.hasSuffix(".part") }, "\(files)")

        for _ in 0..<3 {
            let again = try await world.fixture.test.host.covers.cover(id: world.id, size: 32)
            #expect(again.bytes == first.bytes)
            #expect(again.entityTag == first.entityTag)
        }
        #expect(world.ffmpeg.runs == 1, "served from disk, not made again")
    }

    @Test("a matching If-None-Match is a 304 decided from the catalog: no picture read, no ffmpeg")
    func notModifiedCostsNothing() async throws {
        let world = try await Self.world(label: "thumb-304")
        try await world.fixture.run { client in
            let thumbnail = try await client.send(.get, "/api/covers/\(world.id)?size=32")
            #expect(thumbnail.status == .ok)
            let original = try await client.send(.get, "/api/covers/\(world.id)")
            #expect(original.status == .ok)
            #expect(world.ffmpeg.runs == 1)

            // With the picture, the audio file and every thumbnail gone, only the catalog row
            // is left to answer from.
            try FileManager.default.removeItem(at: world.fixture.test.library.appendingPathComponent("A"))
            try FileManager.default.removeItem(at: world.covers)
            for (uri, tag) in [("/api/covers/\(world.id)?size=32", thumbnail.headers[.eTag]), ("/api/covers/\(world.id)", original.headers[.eTag])] {
                let again = try await client.send(.get, uri, headers: [.ifNoneMatch: try #require(tag)])
                #expect(again.status == .notModified, "\(uri)")
                #expect(again.headers[.eTag] == tag)
            }
            #expect(world.ffmpeg.runs == 1)
        }
    }

    @Test("many requests for six thumbnails run ffmpeg six times, never more than two at once")
    func boundedAndSingleFlight() async throws {
        let world = try await Self.world(label: "thumb-bound", delaySeconds: 0.3)
        let covers = world.fixture.test.host.covers
        let id = world.id
        let sizes = [32, 48, 64, 80, 96, 112]
        let results = try await withThrowingTaskGroup(of: CoverImage.self) { group in
            for size in sizes {
                for _ in 0..<3 { group.addTask { try await covers.cover(id: id, size: size) } }
            }
            return try await group.reduce(into: [CoverImage]()) { $0.append($1) }
        }
        #expect(results.count == 18)
        #expect(results.allSatisfy { $0.contentType == "image/jpeg" && !$0.isFallback })
        #expect(world.ffmpeg.runs == sizes.count, "one run per thumbnail, however many asked")
        #expect(world.ffmpeg.mostAtOnce <= 2, "at most two thumbnail jobs at once")
    }

    @Test("beyond the waiting line the original is sent, marked as a fallback; the thumbnail is made on a later request")
    func fullLineSendsTheOriginal() async throws {
        let world = try await Self.world(label: "thumb-full", delaySeconds: 1, jobs: 1, waiting: 0)
        let covers = world.fixture.test.host.covers
        let id = world.id
        async let first = covers.cover(id: id, size: 32)
        try await Task.sleep(for: .milliseconds(300))
        let second = try await covers.cover(id: id, size: 48)
        #expect(second.isFallback)
        #expect(second.bytes == world.original)
        #expect(second.contentType == "image/jpeg")
        #expect(try await !first.isFallback)
        let later = try await covers.cover(id: id, size: 48)
        #expect(!later.isFallback)
        #expect(world.ffmpeg.runs == 2)
        try await world.fixture.run { client in
            // Served from disk now; a fallback would have said no-cache.
            let answer = try await client.send(.get, "/api/covers/\(id)?size=48")
            #expect(answer.headers[.cacheControl] == "private, max-age=86400")
        }
    }

    @Test("start-up's removal of unfinished downloads keeps finished thumbnails, and they are still served without ffmpeg")
    func leftoverRemovalKeepsThumbnails() async throws {
        let world = try await Self.world(label: "thumb-leftovers")
        let covers = world.fixture.test.host.covers
        let made = try await covers.cover(id: world.id, size: 32)
        let stale = world.covers.appendingPathComponent("stale.jpg.part")
        try Data("unfinished".utf8).write(to: stale)

        #expect(world.fixture.test.host.cache.removeLeftovers() == 1)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        let files = try #require(FileManager.default.enumerator(atPath: world.covers.path)?.allObjects as? [String])
        #expect(files.filter { $0.hasSuffix(".jpg") }.count == 1, "\(files)")
        #expect(try await covers.cover(id: world.id, size: 32).bytes == made.bytes)
        #expect(world.ffmpeg.runs == 1)
    }

    @Test("an ffmpeg that hangs is stopped after the timeout; the original is sent and the thumbnail not retried")
    func hangingFFmpegIsStopped() async throws {
        let world = try await Self.world(label: "thumb-hang", hanging: true, timeout: .seconds(1))
        let covers = world.fixture.test.host.covers
        let clock = ContinuousClock()
        let started = clock.now
        let answer = try await covers.cover(id: world.id, size: 32)
        #expect(clock.now - started < .seconds(8))
        #expect(answer.isFallback)
        #expect(answer.bytes == world.original)
        _ = try await covers.cover(id: world.id, size: 32)
        #expect(world.ffmpeg.runs == 1, "a thumbnail that failed is not retried on every request")
    }

    @Test("an embedded picture larger than the bound is no cover")
    func oversizedPictureIsRefused() async throws {
        let fixture = try ServerFixture(label: "thumb-huge")
        let huge = [0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: Artwork.maximumBytes)
        try await PictureFixtures.mp3(
            at: fixture.test.library.appendingPathComponent("A/B/01 - Song.mp3"), title: "Song", picture: huge,
            mime: "image/jpeg")
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "A/B/01 - Song.mp3")
        await #expect(throws: HostError.notFound(kind: "cover", id: id)) {
            _ = try await fixture.test.host.covers.cover(id: id, size: nil)
        }
    }
}
