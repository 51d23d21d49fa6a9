import Foundation
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// `/stream/{id}?format=&max_bitrate=&time_offset=`: transcodes made by the real ffmpeg,
/// checked with ffprobe; the original where nothing needs changing; every ffmpeg ended when
/// its client goes, stalls or the server stops, and no more than the limit at once.
@Suite("Transcoded streams on /stream", .serialized)
struct TranscodeRouteTests {
    struct Library {
        let test: TestHost
        let flac: String
        let mp3: String
        let mp3Bytes: [UInt8]
        let flacBytes: [UInt8]
        var folder: TemporaryFolder { test.folder }
    }

    /// A 10 s stereo noise FLAC (about 1,000 kbps, like music) and a 128 kbps MP3; a longer
    /// FLAC when a test needs ffmpeg to outlast its client.
    static func library(settings: Transcoding.Settings = .init(), flacSeconds: Int = 10) async throws -> Library {
        let test = try TestHost(label: "transcode", transcodeSettings: settings)
        let flac = try await TranscodeFixtures.noise(at: test.library.appendingPathComponent("Nina/Loud/01 - Wide.flac"), seconds: flacSeconds, tags: ["title": "Wide"])
        let mp3 = try await TranscodeFixtures.noise(at: test.library.appendingPathComponent("Nina/Loud/02 - Small.mp3"), seconds: 5, tags: ["title": "Small"])
        await test.scan()
        let flacID = try #require(try await test.track(at: "Nina/Loud/01 - Wide.flac")?.id)
        let mp3ID = try #require(try await test.track(at: "Nina/Loud/02 - Small.mp3")?.id)
        return Library(
            test: test, flac: flacID, mp3: mp3ID, mp3Bytes: [UInt8](try Data(contentsOf: mp3)), flacBytes: [UInt8](try Data(contentsOf: flac)))
    }

    /// Runs `body` on a live server signed in as its admin.
    static func serve(
        _ library: Library, settings: ServerSettings = ServerSettings(), _ body: @Sendable (SignedInClient) async throws -> Void
    ) async throws {
        try await TestServer(host: library.test.host, settings: settings).run { session in
            try await body(try await session.account("owner@example.org"))
        }
    }

    static func expectWithin(_ value: Double, _ expected: Double, _ share: Double, _ what: String) {
        #expect(abs(value - expected) <= expected * share, "\(what): \(value), expected \(expected) ± \(Int(share * 100)) %")
    }

    @Test("format=mp3&max_bitrate=128 and format=opus make the codec at the bit rate (within 10 %), chunked, without Accept-Ranges")
    func codecsAndBitRates() async throws {
        let library = try await Self.library()
        try await Self.serve(library) { client in
            for (query, codec, bitRate, suffix, type) in [
                ("format=mp3&max_bitrate=128", "mp3", 128_000.0, "mp3", "audio/mpeg"),
                ("format=opus", "opus", 96_000.0, "opus", "audio/ogg; codecs=opus"),
                ("format=aac&max_bitrate=160", "aac", 160_000.0, "aac", "audio/aac"),
            ] {
                try await client.execute(uri: "/stream/\(library.flac)?\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query)")
                    #expect(response.headers[.contentType] == type)
                    #expect(response.headers[.acceptRanges] == nil, "a transcode has no byte ranges")
                    #expect(response.headers[.contentLength] == nil, "no false length")
                    let probe = try await TranscodeFixtures.probe(response.bytes, in: library.folder, suffix: suffix)
                    #expect(probe.codec == codec, "\(query): \(probe)")
                    Self.expectWithin(probe.bitRate, bitRate, 0.10, "\(query) bit rate")
                    Self.expectWithin(probe.seconds, 10, 0.05, "\(query) duration")
                }
            }
        }
        #expect(TranscodeFixtures.transcodeProcesses(of: library.test).isEmpty)
    }

    @Test("raw, max_bitrate=0 and a source already at or below the limit are the original, with Range")
    func originals() async throws {
        let library = try await Self.library()
        try await Self.serve(library) { client in
            for (id, query, bytes) in [
                (library.flac, "format=raw&max_bitrate=64", library.flacBytes), (library.flac, "max_bitrate=0", library.flacBytes),
                (library.mp3, "format=mp3&max_bitrate=192", library.mp3Bytes), (library.mp3, "max_bitrate=320", library.mp3Bytes),
            ] {
                try await client.execute(uri: "/stream/\(id)?\(query)", method: .get) { response in
                    #expect(response.status == .ok, "\(query)")
                    #expect(response.bytes == bytes, "\(query): the original bytes")
                    #expect(response.headers[.acceptRanges] == "bytes")
                }
                try await client.execute(uri: "/stream/\(id)?\(query)", method: .get, headers: [.range: "bytes=100-199"]) { response in
                    #expect(response.status == .partialContent, "\(query)")
                    #expect(response.bytes == Array(bytes[100...199]))
                }
            }
        }
    }

    @Test("time_offset starts later: the stream is shorter by it")
    func timeOffset() async throws {
        let library = try await Self.library()
        try await Self.serve(library) { client in
            try await client.execute(uri: "/stream/\(library.flac)?format=opus&time_offset=6", method: .get) { response in
                #expect(response.status == .ok)
                let probe = try await TranscodeFixtures.probe(response.bytes, in: library.folder, suffix: "opus")
                Self.expectWithin(probe.seconds, 4, 0.1, "duration from 6 s of 10")
            }
            // Past the end is a mistake, said plainly.
            try await client.execute(uri: "/stream/\(library.flac)?format=opus&time_offset=60", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorMessage.contains("past the end"))
            }
        }
    }

    @Test("a format this server does not make, or a number out of range, is a 400 naming it")
    func badParameters() async throws {
        let library = try await Self.library()
        try await Self.serve(library) { client in
            for (query, word) in [("format=flv", "format"), ("max_bitrate=-5", "max_bitrate"), ("max_bitrate=lots", "max_bitrate"),
                                  ("time_offset=-1", "time_offset"), ("time_offset=1e9", "time_offset")] {
                try await client.execute(uri: "/stream/\(library.flac)?\(query)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(query)")
                    #expect(response.errorMessage.contains(word), "\(query): \(response.errorMessage)")
                }
            }
        }
        #expect(TranscodeFixtures.transcodeProcesses(of: library.test).isEmpty)
    }

    @Test("HEAD of a transcode answers its type with no body and runs no ffmpeg")
    func head() async throws {
        let library = try await Self.library()
        try await Self.serve(library) { client in
            try await client.execute(uri: "/stream/\(library.flac)?format=opus", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "audio/ogg; codecs=opus")
                #expect(response.headers[.acceptRanges] == nil)
                #expect(response.body.readableBytes == 0)
            }
            #expect(library.test.host.transcoding.slotsInUse == 0)
        }
    }

    @Test("a client that hangs up after 100 KB leaves no ffmpeg behind and frees its slot")
    func disconnect() async throws {
        let library = try await Self.library(flacSeconds: 60)
        try await Self.serve(library) { client in
            let port = try #require(client.port)
            let connection = try RawHTTPConnection(port: port, receiveBuffer: 8192)
            try connection.get("/stream/\(library.flac)?format=opus&max_bitrate=128", headers: [client.authorization])
            let received = await connection.read(atLeast: 100 * 1024)
            #expect(received.count >= 100 * 1024)
            #expect(TranscodeFixtures.transcodeProcesses(of: library.test).count == 1, "ffmpeg runs while the client reads")
            connection.abort()
            let ended = await TranscodeFixtures.eventually { TranscodeFixtures.transcodeProcesses(of: library.test).isEmpty }
            #expect(ended, "ffmpeg left behind: \(TranscodeFixtures.transcodeProcesses(of: library.test))")
            #expect(await TranscodeFixtures.eventually { library.test.host.transcoding.slotsInUse == 0 })
            #expect(library.test.host.transcoding.runningCount == 0)
        }
    }

    @Test("a client that stops reading is dropped at the write timeout, and its ffmpeg with it")
    func writeTimeout() async throws {
        let library = try await Self.library(flacSeconds: 60)
        var settings = ServerSettings()
        settings.connections.writeTimeout = .seconds(1)
        try await Self.serve(library, settings: settings) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port), receiveBuffer: 4096)
            try connection.get("/stream/\(library.flac)?format=mp3&max_bitrate=320", headers: [client.authorization])
            _ = await connection.read(atLeast: 1024)
            #expect(await TranscodeFixtures.eventually(within: .seconds(2)) { TranscodeFixtures.transcodeProcesses(of: library.test).count == 1 })
            // Reads nothing more: the server's writes stall, and the timeout ends them.
            let ended = await TranscodeFixtures.eventually(within: .seconds(10)) { TranscodeFixtures.transcodeProcesses(of: library.test).isEmpty }
            #expect(ended, "ffmpeg of a stalled client left running: \(TranscodeFixtures.transcodeProcesses(of: library.test))")
            #expect(await TranscodeFixtures.eventually { library.test.host.transcoding.slotsInUse == 0 })
        }
    }

    @Test("the server stopping ends running transcodes")
    func shutdown() async throws {
        let library = try await Self.library(flacSeconds: 60)
        try await Self.serve(library) { client in
            let connection = try RawHTTPConnection(port: try #require(client.port), receiveBuffer: 4096)
            try connection.get("/stream/\(library.flac)?format=opus", headers: [client.authorization])
            _ = await connection.read(atLeast: 1024)
            #expect(await TranscodeFixtures.eventually(within: .seconds(2)) { TranscodeFixtures.transcodeProcesses(of: library.test).count == 1 })
            await library.test.host.shutdown()
            let ended = await TranscodeFixtures.eventually { TranscodeFixtures.transcodeProcesses(of: library.test).isEmpty }
            #expect(ended, "ffmpeg left running after shutdown: \(TranscodeFixtures.transcodeProcesses(of: library.test))")
            // The stream was cut, never ended as if it were whole.
            let (_, body) = RawHTTPConnection.split(await connection.readToEnd(timeout: .seconds(10)))
            #expect(!RawHTTPConnection.dechunk(body).complete)
        }
    }

    @Test("with every slot taken a request waits, then gets a 503 with Retry-After; a freed slot serves the next")
    func busy() async throws {
        var settings = Transcoding.Settings()
        settings.maximumConcurrent = 1
        settings.wait = .seconds(1)
        // The holder's transcode must outlast the test: 180 s at 320 kbps is 7.2 MB, more than
        // the kernel buffers for a client that does not read (4 MiB of send buffer at most
        // here), so ffmpeg waits on its pipe instead of finishing early on an idle machine.
        let library = try await Self.library(settings: settings, flacSeconds: 180)
        try await Self.serve(library) { client in
            let holder = try RawHTTPConnection(port: try #require(client.port), receiveBuffer: 4096)
            try holder.get("/stream/\(library.flac)?format=mp3&max_bitrate=320", headers: [client.authorization])
            let head = RawHTTPConnection.split(await holder.read(atLeast: 1024)).head
            #expect(head.hasPrefix("HTTP/1.1 200"))
            let started = ContinuousClock.now
            try await client.execute(uri: "/stream/\(library.mp3)?format=opus", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(response.errorCode == "unavailable")
                #expect(response.errorMessage.contains("transcoding"))
            }
            #expect(ContinuousClock.now - started >= .milliseconds(900), "it waited for a slot first")
            // The original needs no slot.
            try await client.execute(uri: "/stream/\(library.mp3)", method: .get) { #expect($0.status == .ok) }
            #expect(TranscodeFixtures.transcodeProcesses(of: library.test).count == 1, "never more than the limit")
            holder.abort()
            #expect(await TranscodeFixtures.eventually { library.test.host.transcoding.slotsInUse == 0 })
            try await client.execute(uri: "/stream/\(library.mp3)?format=opus", method: .get) { response in
                #expect(response.status == .ok)
                let probe = try await TranscodeFixtures.probe(response.bytes, in: library.folder, suffix: "opus")
                #expect(probe.codec == "opus")
            }
        }
    }
}
