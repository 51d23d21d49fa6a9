import Foundation
import HTTPTypes
@testable import Host
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// Issue 10, point 5: a library file is streamed only while it is a regular file inside the
/// library (or an allowed root) and still audio; the check is made on the opened descriptor.
@Suite("Symbolic links and files that stop being audio", .serialized)
struct LibraryLinkTests {
    static func plugins(allowedRoots: [String]) -> String {
        let list = allowedRoots.map { "\"\($0)\"" }.joined(separator: ", ")
        let roots = allowedRoots.isEmpty ? "" : #", "allowed_roots": [\#(list)]"#
        return """
            {"providers": [{"id": "local", "type": "LocalFiles", "options": {
                "watch": false, "rescan_interval_minutes": 0\(roots)}}]}
            """
    }

    /// A library whose `Linked/song.mp3` is a symbolic link to an MP3 in another folder.
    static func linkedWorld(allowOutside: Bool) async throws -> (ServerFixture, outside: TemporaryFolder, link: URL, real: URL) {
        let outside = try TemporaryFolder("other-disk")
        let real = try await AudioFixtures.tone(at: outside.appending("Music/real.mp3"), tags: ["title": "Real", "artist": "Elsewhere"])
        let test = try TestHost(plugins: plugins(allowedRoots: allowOutside ? [outside.path] : []), label: "links")
        let link = test.library.appendingPathComponent("Linked/song.mp3")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        return (ServerFixture(test: test), outside, link, real)
    }

    @Test("a link to an MP3 outside the library is not scanned without allowed_roots, and the scan says why")
    func outsideLinkIsSkipped() async throws {
        let (fixture, outside, _, _) = try await Self.linkedWorld(allowOutside: false)
        defer { withExtendedLifetime(outside) {} }
        let result = await fixture.test.scan()
        #expect(result.added == 0)
        #expect(result.failed == 1)
        #expect(try await fixture.test.track(at: "Linked/song.mp3") == nil)
        let failure = try #require(try await fixture.test.host.catalog.scanFailures().first)
        #expect(failure.path == "Linked/song.mp3")
        #expect(failure.reason.contains("outside the library folder and allowed_roots"), "\(failure.reason)")
    }

    @Test("ln -sf /etc/passwd on a streamed library link: 410 and never its bytes, before and after the rescan; the id survives")
    func linkRepointedToPasswd() async throws {
        let (fixture, outside, link, real) = try await Self.linkedWorld(allowOutside: true)
        defer { withExtendedLifetime(outside) {} }
        #expect(await fixture.test.scan().added == 1)
        let id = try await fixture.trackID(at: "Linked/song.mp3")
        let passwd = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        try await fixture.run { client in
            // The allowed root works: the linked file plays.
            let before = try await client.send(.get, "/stream/\(id)")
            #expect(before.status == .ok)
            #expect(before.headers[.contentType] == "audio/mpeg")
            #expect(before.bytes == [UInt8](try Data(contentsOf: real)))
            #expect(try await client.send(.put, "/api/tracks/\(id)/like").status == .noContent)

            try await AudioFixtures.run("ln", ["-sf", "/etc/passwd", link.path])

            // Before any rescan: refused at open time.
            for method in [HTTPRequest.Method.get, .head] {
                let refused = try await client.send(method, "/stream/\(id)", headers: [.range: "bytes=0-"])
                #expect(refused.status == .gone, "\(method)")
                #expect(refused.headers[.contentType]?.hasPrefix("audio/") != true)
                #expect(!refused.text.contains(String(passwd.prefix(20))))
            }

            // The rescan reads it as a failure and marks the track unplayable.
            let rescan = await fixture.test.scan()
            #expect(rescan.failed == 1)
            let failure = try #require(try await fixture.test.host.catalog.scanFailures().first)
            #expect(failure.reason.contains("/etc/passwd") && failure.reason.contains("outside"), "\(failure.reason)")
            let after = try await client.send(.get, "/stream/\(id)")
            #expect(after.status == .gone)
            #expect(after.errorCode == "gone")
            #expect(!after.text.contains(String(passwd.prefix(20))))
            let track = try await client.send(.get, "/api/tracks/\(id)").json()
            #expect(track["playable"] as? Bool == false)
            let likes = try await client.send(.get, "/api/likes").json()["items"] as? [[String: Any]] ?? []
            #expect(likes.map { $0["id"] as? String } == [id], "the like keeps the track")

            // An unchanged broken file is not reread, and still counts as failed.
            let again = await fixture.test.scan()
            #expect(again.failed == 1)
            #expect(again.updated == 0)

            // Pointed back at real audio, the same track plays again.
            try await AudioFixtures.run("ln", ["-sf", real.path, link.path])
            #expect(await fixture.test.scan().updated == 1)
            #expect(try await fixture.trackID(at: "Linked/song.mp3") == id)
            #expect(try await client.send(.get, "/stream/\(id)").status == .ok)
            #expect(try await client.send(.get, "/api/tracks/\(id)").json()["playable"] as? Bool == true)
        }
    }

    @Test("a link re-pointed to real audio outside the allowed roots is refused when opened, before any rescan")
    func linkRepointedOutsideTheRoots() async throws {
        let (fixture, outside, link, _) = try await Self.linkedWorld(allowOutside: true)
        let elsewhere = try TemporaryFolder("not-allowed")
        defer { withExtendedLifetime((outside, elsewhere)) {} }
        let foreign = try await AudioFixtures.tone(at: elsewhere.appending("private.mp3"), seconds: 2)
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "Linked/song.mp3")
        try await fixture.run { client in
            #expect(try await client.send(.get, "/stream/\(id)").status == .ok)
            try await AudioFixtures.run("ln", ["-sf", foreign.path, link.path])
            let refused = try await client.send(.get, "/stream/\(id)")
            #expect(refused.status == .gone)
            #expect(refused.bytes != [UInt8](try Data(contentsOf: foreign)))
            #expect(await fixture.test.scan().failed == 1)
            #expect(try await client.send(.get, "/stream/\(id)").status == .gone)
        }
    }

    @Test("a library file overwritten with bytes that are not audio is refused before and after the rescan")
    func fileThatStoppedBeingAudio() async throws {
        let fixture = try ServerFixture(label: "not-audio")
        let url = try await fixture.test.addTrack("A/B/01 - Song.mp3", tags: ["title": "Song"])
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "A/B/01 - Song.mp3")
        try await fixture.run { client in
            #expect(try await client.send(.get, "/stream/\(id)").headers[.contentType] == "audio/mpeg")
            let text = String(repeating: "<html><script>alert(1)</script></html>\n", count: 200)
            try Data(text.utf8).write(to: url)

            let before = try await client.send(.get, "/stream/\(id)")
            #expect(before.status == .gone)
            #expect(!before.text.contains("<script>"))

            #expect(await fixture.test.scan().failed == 1)
            let after = try await client.send(.get, "/stream/\(id)")
            #expect(after.status == .gone)
            #expect(!after.text.contains("<script>"))
            #expect(try await fixture.trackID(at: "A/B/01 - Song.mp3") == id, "kept, for playlists and likes")
        }
    }

    @Test("a link repointed to a FIFO or a device is refused at once, never waited on")
    func linkToSpecialFile() async throws {
        let (fixture, outside, link, _) = try await Self.linkedWorld(allowOutside: true)
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "Linked/song.mp3")
        let fifo = outside.appending("Music/pipe.mp3")
        try await AudioFixtures.run("mkfifo", [fifo.path])
        try await fixture.run { client in
            for target in [fifo.path, "/dev/zero"] {
                try await AudioFixtures.run("ln", ["-sf", target, link.path])
                let answer = try await client.send(.get, "/stream/\(id)")
                #expect(answer.status == .gone, "\(target)")
            }
        }
    }
}
