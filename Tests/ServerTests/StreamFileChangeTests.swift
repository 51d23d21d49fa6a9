import Foundation
import HTTPTypes
@testable import Host
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Issue 13: a stream's requests take the track's row from the catalog's cache, never the
/// file: a file replaced, changed or removed after the row was cached is served (or refused)
/// as it is now, with no rescan in between.
@Suite("A streamed track whose file changes while its row is cached")
struct StreamFileChangeTests {
    static let path = "A/B/01 - Song.mp3"

    static func fixture(_ label: String) async throws -> (ServerFixture, id: String, bytes: [UInt8]) {
        let fixture = try ServerFixture(label: label)
        let url = try await fixture.test.addTrack(path, tags: ["title": "Song"], seconds: 2)
        await fixture.test.scan()
        return (fixture, try await fixture.trackID(at: path), [UInt8](try Data(contentsOf: url)))
    }

    @Test("replaced with other audio: the new bytes, length and validator, in one piece and in ranges")
    func replaced() async throws {
        let (fixture, id, before) = try await Self.fixture("stream-change-replaced")
        let catalog = fixture.test.host.catalog
        try await fixture.run { client in
            let oldTag = try await client.execute(uri: "/stream/\(id)", method: .get) { response in
                #expect(response.bytes == before)
                return response.headers[.eTag]
            }
            #expect(catalog.trackCache.holds(id), "the first request keeps the row")

            // A longer tone written to a new file and renamed over the old one, as editors save.
            let staged = try await fixture.test.addTrack("staged.mp3", seconds: 3, frequency: 660)
            let target = fixture.test.library.appendingPathComponent(Self.path)
            #expect(rename(staged.path, target.path) == 0)
            let after = [UInt8](try Data(contentsOf: target))
            #expect(after != before)
            #expect(catalog.trackCache.holds(id), "no rescan: the row is still the cached one")

            try await client.execute(uri: "/stream/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.bytes == after)
                #expect(response.headers[.contentLength] == String(after.count))
                #expect(response.headers[.eTag] != oldTag)
            }
            try await client.execute(uri: "/stream/\(id)", method: .get, headers: [.range: "bytes=100-199"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.bytes == Array(after[100...199]))
                #expect(response.headers[.contentRange] == "bytes 100-199/\(after.count)")
            }
        }
    }

    @Test("overwritten with bytes that are not audio: 410, never those bytes")
    func notAudio() async throws {
        let (fixture, id, _) = try await Self.fixture("stream-change-not-audio")
        try await fixture.run { client in
            try await client.execute(uri: "/stream/\(id)", method: .get, headers: [.range: "bytes=0-9"]) { response in
                #expect(response.status == .partialContent)
            }
            #expect(fixture.test.host.catalog.trackCache.holds(id))
            let secret = Array("<html>not audio at all</html>".utf8)
            try Data(secret).write(to: fixture.test.library.appendingPathComponent(Self.path))
            try await client.execute(uri: "/stream/\(id)", method: .get) { response in
                #expect(response.status == .gone)
                #expect(response.bytes != secret)
            }
        }
    }

    @Test("removed: 404 at once")
    func removed() async throws {
        let (fixture, id, _) = try await Self.fixture("stream-change-removed")
        try await fixture.run { client in
            try await client.execute(uri: "/stream/\(id)", method: .head) { response in
                #expect(response.status == .ok)
            }
            #expect(fixture.test.host.catalog.trackCache.holds(id))
            try FileManager.default.removeItem(at: fixture.test.library.appendingPathComponent(Self.path))
            try await client.execute(uri: "/stream/\(id)", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
        }
    }
}
