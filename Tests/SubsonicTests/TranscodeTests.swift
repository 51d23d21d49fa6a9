import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import Subsonic
import TestSupport
import Testing

/// Subsonic's `stream` with `maxBitRate`, `format`, `timeOffset` and
/// `estimateContentLength`, transcoded by the real ffmpeg and read back with ffprobe; what
/// songs say a limited stream becomes; the extension that lets apps use `timeOffset`.
@Suite("Subsonic: transcoded streams", .serialized)
struct TranscodeTests {
    static let email = "ada@example.org"

    struct World: Sendable {
        let test: TestHost
        let client: SubsonicTestClient
        let flac: String
        let mp3: String
        let flacBytes: [UInt8]
        let mp3Bytes: [UInt8]
        let port: Int
        var folder: TemporaryFolder { test.folder }

        /// The raw request line of `stream` with these parameters, credentials included.
        func path(_ method: String, _ parameters: [(String, String)]) -> String {
            "/rest/\(method)?\(client.query(parameters, format: nil))"
        }
    }

    static func withWorld(
        settings: Transcoding.Settings = .init(), flacSeconds: Int = 10, _ body: @Sendable (World) async throws -> Void
    ) async throws {
        let test = try TestHost(label: "subsonic-transcode", transcodeSettings: settings)
        let flac = try await TranscodeFixtures.noise(at: test.library.appendingPathComponent("Nina/Loud/01 - Wide.flac"), seconds: flacSeconds, tags: ["title": "Wide"])
        let mp3 = try await TranscodeFixtures.noise(at: test.library.appendingPathComponent("Nina/Loud/02 - Small.mp3"), seconds: 5, tags: ["title": "Small"])
        await test.scan()
        let flacID = try #require(try await test.track(at: "Nina/Loud/01 - Wide.flac")?.id)
        let mp3ID = try #require(try await test.track(at: "Nina/Loud/02 - Small.mp3")?.id)
        try await TestServer(host: test.host).run { session in
            _ = try await session.signUp(Self.email)
            let client = SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.email), ("p", TestSession.password)])
            try await body(World(
                test: test, client: client, flac: flacID, mp3: mp3ID, flacBytes: [UInt8](try Data(contentsOf: flac)),
                mp3Bytes: [UInt8](try Data(contentsOf: mp3)), port: try #require(session.anonymous.port)))
        }
    }

    static func expectWithin(_ value: Double, _ expected: Double, _ share: Double, _ what: String) {
        #expect(abs(value - expected) <= expected * share, "\(what): \(value), expected \(expected) ± \(Int(share * 100)) %")
    }

    @Test("maxBitRate=128&format=mp3 and format=opus decode as that codec at that bit rate (within 10 %)")
    func formats() async throws {
        try await Self.withWorld { world in
            for (parameters, codec, bitRate, suffix) in [
                ([("maxBitRate", "128"), ("format", "mp3")], "mp3", 128_000.0, "mp3"),
                ([("format", "opus")], "opus", 96_000.0, "opus"),
                // A limit alone gives MP3.
                ([("maxBitRate", "96")], "mp3", 96_000.0, "mp3"),
            ] {
                let answer = try await world.client.raw("stream", [("id", world.flac)] + parameters, format: nil)
                #expect(answer.status == .ok)
                #expect(answer.headers[.acceptRanges] == nil)
                #expect(answer.headers[.contentLength] == nil)
                let probe = try await TranscodeFixtures.probe(Array(answer.body.readableBytesView), in: world.folder, suffix: suffix)
                #expect(probe.codec == codec, "\(parameters): \(probe)")
                Self.expectWithin(probe.bitRate, bitRate, 0.10, "\(parameters) bit rate")
                Self.expectWithin(probe.seconds, 10, 0.05, "\(parameters) duration")
            }
        }
    }

    @Test("format=raw, maxBitRate=0, a track at or below the limit, and download are the original bytes with Range")
    func originals() async throws {
        try await Self.withWorld { world in
            for (method, id, parameters, bytes) in [
                ("stream", world.flac, [("format", "raw"), ("maxBitRate", "64")], world.flacBytes),
                ("stream", world.flac, [("maxBitRate", "0")], world.flacBytes),
                ("stream", world.mp3, [("maxBitRate", "192"), ("format", "mp3")], world.mp3Bytes),
                ("stream", world.mp3, [("maxBitRate", "320")], world.mp3Bytes),
                ("download", world.flac, [("format", "mp3"), ("maxBitRate", "64")], world.flacBytes),
            ] {
                let whole = try await world.client.raw(method, [("id", id)] + parameters, format: nil)
                #expect(Array(whole.body.readableBytesView) == bytes, "\(method) \(parameters)")
                #expect(whole.headers[.acceptRanges] == "bytes")
                let probe = try await world.client.client.executeRequest(
                    uri: world.path(method, [("id", id)] + parameters), method: .get, headers: [.range: "bytes=0-1"], body: nil)
                #expect(probe.status == .partialContent, "\(method) \(parameters)")
                #expect(Array(probe.body.readableBytesView) == Array(bytes[0...1]))
            }
        }
    }

    @Test("estimateContentLength gives an honest Content-Length, the body is exactly that long and decodes cleanly")
    func estimate() async throws {
        try await Self.withWorld(flacSeconds: 30) { world in
            for (format, suffix) in [("mp3", "mp3"), ("opus", "opus"), ("aac", "aac")] {
                let parameters = [("id", world.flac), ("format", format), ("maxBitRate", "128")]
                let plain = try await world.client.raw("stream", parameters, format: nil)
                let real = plain.body.readableBytes
                let estimated = try await world.client.raw("stream", parameters + [("estimateContentLength", "true")], format: nil)
                let length = try #require(estimated.headers[.contentLength].flatMap(Int.init), "\(format): a Content-Length")
                #expect(estimated.body.readableBytes == length, "\(format): the body is as long as promised")
                Self.expectWithin(Double(length), Double(real), 0.05, "\(format): the estimate against the real \(real) bytes")
                let bytes = Array(estimated.body.readableBytesView)
                #expect(try await TranscodeFixtures.decodingErrors(bytes, in: world.folder, suffix: suffix).isEmpty, "\(format) padded")
                Self.expectWithin(try await TranscodeFixtures.probe(bytes, in: world.folder, suffix: suffix).seconds, 30, 0.05, "\(format) duration")
                // HEAD tells the same length, without running ffmpeg.
                let head = try await world.client.client.executeRequest(
                    uri: world.path("stream", parameters + [("estimateContentLength", "true")]), method: .head, headers: [:], body: nil)
                #expect(head.headers[.contentLength] == String(length))
            }
        }
    }

    @Test("timeOffset starts later (transcodeOffset); a fraction of a second is dropped")
    func timeOffset() async throws {
        try await Self.withWorld { world in
            let answer = try await world.client.raw("stream", [("id", world.flac), ("format", "mp3"), ("timeOffset", "6.5")], format: nil)
            #expect(answer.status == .ok)
            let probe = try await TranscodeFixtures.probe(Array(answer.body.readableBytesView), in: world.folder, suffix: "mp3")
            Self.expectWithin(probe.seconds, 4, 0.1, "duration from 6 s of 10")
            let extensions = try await world.client.ok("getOpenSubsonicExtensions")["openSubsonicExtensions"] as? [[String: Any]]
            let offset = try #require(extensions?.first { $0["name"] as? String == "transcodeOffset" })
            #expect(offset["versions"] as? [Int] == [1])
            #expect(try await world.client.errorCode("stream", [("id", world.flac), ("timeOffset", "soon")]) == 0)
        }
    }

    @Test("a format this server does not make counts as none: the limit alone decides")
    func unknownFormat() async throws {
        try await Self.withWorld { world in
            let limited = try await world.client.raw("stream", [("id", world.flac), ("format", "flv"), ("maxBitRate", "128")], format: nil)
            let probe = try await TranscodeFixtures.probe(Array(limited.body.readableBytesView), in: world.folder, suffix: "mp3")
            #expect(probe.codec == "mp3")
            let plain = try await world.client.raw("stream", [("id", world.flac), ("format", "flac")], format: nil)
            #expect(Array(plain.body.readableBytesView) == world.flacBytes)
        }
    }

    @Test("every slot taken: an error envelope with a plain message, after a short wait")
    func busy() async throws {
        var settings = Transcoding.Settings()
        settings.maximumConcurrent = 1
        settings.wait = .milliseconds(500)
        // Long enough to outlast the test (see TranscodeRouteTests.busy): 7.2 MB at 320 kbps.
        try await Self.withWorld(settings: settings, flacSeconds: 180) { world in
            let holder = try RawHTTPConnection(port: world.port, receiveBuffer: 4096)
            try holder.get(world.path("stream", [("id", world.flac), ("format", "mp3"), ("maxBitRate", "320")]))
            #expect(RawHTTPConnection.split(await holder.read(atLeast: 1024)).head.hasPrefix("HTTP/1.1 200"))
            let response = try await world.client.call("stream", [("id", world.mp3), ("format", "opus")])
            #expect(response["status"] as? String == "failed")
            let error = try #require(response["error"] as? [String: Any])
            #expect(error["code"] as? Int == 0)
            #expect((error["message"] as? String)?.contains("transcoding slot") == true)
            holder.abort()
            #expect(await TranscodeFixtures.eventually { TranscodeFixtures.transcodeProcesses(of: world.test).isEmpty })
        }
    }

    @Test("a lossless song lists transcodedSuffix mp3 and transcodedContentType audio/mpeg in JSON and XML; an MP3 none")
    func transcodedSuffix() async throws {
        let test = try TestHost(label: "subsonic-transcoded-suffix")
        try await TranscodeFixtures.noise(at: test.library.appendingPathComponent("Nina/Loud/01 - Wide.flac"), seconds: 2, tags: ["title": "Wide"])
        try await TranscodeFixtures.noise(at: test.library.appendingPathComponent("Nina/Loud/02 - Small.mp3"), seconds: 2, tags: ["title": "Small"])
        await test.scan()
        let shapes = SubsonicShapes(sources: test.host.sources)
        let flac = shapes.song(TrackView(track: try #require(try await test.track(at: "Nina/Loud/01 - Wide.flac"))))
        let mp3 = shapes.song(TrackView(track: try #require(try await test.track(at: "Nina/Loud/02 - Small.mp3"))))
        let envelope = SubsonicEnvelope.ok([.list(name: "song", [flac, mp3])], serverVersion: "1.0")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(envelope.encoded(as: .json).body.utf8)) as? [String: Any])
        let songs = try #require((json["subsonic-response"] as? [String: Any])?["song"] as? [[String: Any]])
        #expect(songs[0]["suffix"] as? String == "flac")
        #expect(songs[0]["transcodedSuffix"] as? String == "mp3")
        #expect(songs[0]["transcodedContentType"] as? String == "audio/mpeg")
        #expect(songs[1]["transcodedSuffix"] == nil)
        #expect(songs[1]["transcodedContentType"] == nil)
        let xml = try XMLDocument(Data(envelope.encoded(as: .xml).body.utf8))
        let elements = xml.elements.filter { $0.name == "song" }
        #expect(elements.count == 2)
        #expect(elements.first?.attributes["transcodedSuffix"] == "mp3")
        #expect(elements.first?.attributes["transcodedContentType"] == "audio/mpeg")
        #expect(elements.last?.attributes["transcodedSuffix"] == nil)
    }
}
