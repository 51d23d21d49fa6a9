import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@Suite("GET and HEAD /stream/{id}")
struct StreamRouteTests {
    static func fixture() async throws -> (ServerFixture, id: String, bytes: [UInt8]) {
        let fixture = try ServerFixture(label: "stream")
        let url = try await fixture.test.addTrack("A/B/01 - Song.flac", tags: ["title": "Song"], seconds: 3)
        await fixture.test.scan()
        return (fixture, try await fixture.trackID(at: "A/B/01 - Song.flac"), [UInt8](try Data(contentsOf: url)))
    }

    @Test("the whole file, with type, length, validators and Accept-Ranges")
    func wholeFile() async throws {
        let (fixture, id, bytes) = try await Self.fixture()
        try await fixture.run { client in
            try await client.execute(uri: "/stream/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.bytes == bytes)
                #expect(response.headers[.contentType] == "audio/flac")
                #expect(response.headers[.contentLength] == String(bytes.count))
                #expect(response.headers[.acceptRanges] == "bytes")
                #expect(response.headers[.eTag] != nil)
                #expect(response.headers[.lastModified]?.hasSuffix("GMT") == true)
            }
        }
    }

    @Test("a-b, a- and -n ranges answer 206 with exactly those bytes")
    func ranges() async throws {
        let (fixture, id, bytes) = try await Self.fixture()
        let length = bytes.count
        try await fixture.run { client in
            for (header, range) in [("bytes=10-19", 10...19), ("bytes=\(length - 7)-", (length - 7)...(length - 1)),
                                    ("bytes=-300", (length - 300)...(length - 1)), ("bytes=0-\(length * 2)", 0...(length - 1)),
                                    // An end too large for 64 bits is still "past the end": clamped.
                                    ("bytes=0-99999999999999999999", 0...(length - 1))] {
                try await client.execute(uri: "/stream/\(id)", method: .get, headers: [.range: header]) { response in
                    #expect(response.status == .partialContent, "\(header)")
                    #expect(response.bytes == Array(bytes[range]), "\(header)")
                    #expect(response.headers[.contentRange] == "bytes \(range.lowerBound)-\(range.upperBound)/\(length)")
                    #expect(response.headers[.contentLength] == String(range.count))
                }
            }
        }
    }

    @Test("an unsatisfiable or malformed range is 416 with the length and a JSON reason")
    func unsatisfiable() async throws {
        let (fixture, id, bytes) = try await Self.fixture()
        try await fixture.run { client in
            for header in ["bytes=\(bytes.count)-", "bytes=-0", "bytes=garbage", "bytes=9-3"] {
                try await client.execute(uri: "/stream/\(id)", method: .get, headers: [.range: header]) { response in
                    #expect(response.status == .rangeNotSatisfiable, "\(header)")
                    #expect(response.headers[.contentRange] == "bytes */\(bytes.count)")
                    #expect(response.errorCode == "range_not_satisfiable")
                }
            }
        }
    }

    @Test("If-Range: a current validator keeps the range, a stale one gets the whole file")
    func ifRange() async throws {
        let (fixture, id, bytes) = try await Self.fixture()
        try await fixture.run { client in
            let etag = try await client.execute(uri: "/stream/\(id)", method: .head) { $0.headers[.eTag] }
            let current = try #require(etag)
            try await client.execute(uri: "/stream/\(id)", method: .get, headers: [.range: "bytes=0-9", .ifRange: current]) { response in
                #expect(response.status == .partialContent)
                #expect(response.bytes.count == 10)
            }
            try await client.execute(uri: "/stream/\(id)", method: .get, headers: [.range: "bytes=0-9", .ifRange: "\"stale\""]) { response in
                #expect(response.status == .ok)
                #expect(response.bytes == bytes)
            }
            try await client.execute(uri: "/stream/\(id)", method: .get, headers: [.ifNoneMatch: current]) { response in
                #expect(response.status == .notModified)
                #expect(response.bytes.isEmpty)
            }
        }
    }

    @Test("HEAD gives the headers of GET and no body")
    func head() async throws {
        let (fixture, id, bytes) = try await Self.fixture()
        try await fixture.run { client in
            try await client.execute(uri: "/stream/\(id)", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentLength] == String(bytes.count))
                #expect(response.bytes.isEmpty)
            }
            try await client.execute(uri: "/stream/\(id)", method: .head, headers: [.range: "bytes=0-99"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.headers[.contentLength] == "100")
            }
        }
    }

    @Test("an unknown track, and a track whose file vanished, are JSON 404s")
    func notFound() async throws {
        let (fixture, id, _) = try await Self.fixture()
        try FileManager.default.removeItem(at: fixture.test.library.appendingPathComponent("A/B/01 - Song.flac"))
        try await fixture.run { client in
            for uri in ["/stream/unknown-id", "/stream/\(id)"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.errorCode == "not_found")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                }
            }
        }
    }
}
