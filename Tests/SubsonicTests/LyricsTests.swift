import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// getLyricsBySongId (songLyrics) and getLyrics, over a library with an `.lrc` sidecar and
/// an embedded lyrics tag, in JSON and in XML.
@Suite("Subsonic: lyrics")
struct LyricsTests {
    static let email = "ada@example.org"
    static let sidecar = "[ar:Nina]\n[offset:+200]\n[00:02.50]Two & <three>\n[00:01.00]One\n[00:04.00]\n"

    static func withLibrary(_ body: @Sendable (SubsonicTestClient, String, String) async throws -> Void) async throws {
        let test = try TestHost(label: "subsonic-lyrics")
        try await test.addTrack("Nina/Songs/01 - Synced.mp3", tags: ["title": "Synced", "artist": "Nina", "lyrics": "Plain one\nPlain two"])
        try Data(sidecar.utf8).write(to: test.library.appendingPathComponent("Nina/Songs/01 - Synced.lrc"))
        try await test.addTrack("Nina/Songs/02 - Silent.flac", tags: ["title": "Silent", "artist": "Nina"])
        await test.scan()
        let synced = try #require(try await test.track(at: "Nina/Songs/01 - Synced.mp3")?.id)
        let silent = try #require(try await test.track(at: "Nina/Songs/02 - Silent.flac")?.id)
        try await TestServer(host: test.host).run { session in
            _ = try await session.signUp(Self.email)
            try await body(SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.email), ("p", TestSession.password)]), synced, silent)
        }
    }

    @Test("getLyricsBySongId in JSON: a structuredLyrics array, synced first with start times in ms and the offset, then the unsynced tag")
    func bySongIDJSON() async throws {
        try await Self.withLibrary { client, synced, _ in
            let response = try await client.ok("getLyricsBySongId", [("id", synced)])
            let sets = try #require((response["lyricsList"] as? [String: Any])?["structuredLyrics"] as? [[String: Any]])
            #expect(sets.count == 2)
            let timed = sets[0]
            #expect(timed["synced"] as? Bool == true)
            #expect(timed["lang"] as? String == "xxx")
            #expect(timed["offset"] as? Int == 200)
            #expect(timed["displayArtist"] as? String == "Nina")
            #expect(timed["displayTitle"] as? String == "Synced")
            let lines = try #require(timed["line"] as? [[String: Any]])
            #expect(lines.map { $0["start"] as? Int } == [1_000, 2_500, 4_000])
            #expect(lines.map { $0["value"] as? String } == ["One", "Two & <three>", ""])
            let plain = sets[1]
            #expect(plain["synced"] as? Bool == false)
            #expect(plain["offset"] == nil)
            let plainLines = try #require(plain["line"] as? [[String: Any]])
            #expect(plainLines.map { $0["value"] as? String } == ["Plain one", "Plain two"])
            #expect(plainLines.allSatisfy { $0["start"] == nil }, "unsynced lines carry no start")
        }
    }

    @Test("getLyricsBySongId in XML: <line> elements hold their text directly, escaped")
    func bySongIDXML() async throws {
        try await Self.withLibrary { client, synced, silent in
            let answer = try await client.raw("getLyricsBySongId", [("id", synced)], format: nil)
            #expect(String(buffer: answer.body).contains(#"<line start="2500">Two &amp; &lt;three&gt;</line>"#))
            let root = try XMLTree(Data(answer.body.readableBytesView))
            let sets = try #require(root.first("lyricsList")).all("structuredLyrics")
            #expect(sets.map { $0.attributes["synced"] } == ["true", "false"])
            #expect(sets[0].attributes["lang"] == "xxx")
            #expect(sets[0].attributes["offset"] == "200")
            #expect(sets[0].all("line").map { $0.attributes["start"] } == ["1000", "2500", "4000"])
            #expect(sets[0].all("line").map(\.text) == ["One", "Two & <three>", ""])
            #expect(sets[1].all("line").map(\.text) == ["Plain one", "Plain two"])
            #expect(sets[1].all("line").allSatisfy { $0.attributes["start"] == nil })

            // None: an empty list, still a lyricsList.
            let none = try XMLTree(Data(try await client.raw("getLyricsBySongId", [("id", silent)], format: "xml").body.readableBytesView))
            #expect(try #require(none.first("lyricsList")).children.isEmpty)
            let json = try await client.ok("getLyricsBySongId", [("id", silent)])
            #expect((json["lyricsList"] as? [String: Any])?["structuredLyrics"] as? [Any] != nil)
            #expect(((json["lyricsList"] as? [String: Any])?["structuredLyrics"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("getLyricsBySongId: 10 without an id, 70 for an unknown one")
    func bySongIDErrors() async throws {
        try await Self.withLibrary { client, _, _ in
            let missing = try await client.errorCode("getLyricsBySongId")
            let unknown = try await client.errorCode("getLyricsBySongId", [("id", "no-such-song")])
            #expect(missing == 10)
            #expect(unknown == 70)
        }
    }

    @Test("getLyrics by artist and title (any case): the plain text; an empty value when nothing matches or has lyrics")
    func byArtistAndTitle() async throws {
        try await Self.withLibrary { client, _, _ in
            let found = try #require(try await client.ok("getLyrics", [("artist", "nina"), ("title", "SYNCED")])["lyrics"] as? [String: Any])
            #expect(found["artist"] as? String == "Nina")
            #expect(found["title"] as? String == "Synced")
            #expect(found["value"] as? String == "Plain one\nPlain two")
            let byTitle = try await client.ok("getLyrics", [("title", "Synced")])["lyrics"] as? [String: Any]
            #expect(byTitle?["value"] as? String == "Plain one\nPlain two")
            for parameters in [[("artist", "Someone Else"), ("title", "Synced")], [("artist", "Nina"), ("title", "Silent")], []] {
                let none = try #require(try await client.ok("getLyrics", parameters)["lyrics"] as? [String: Any])
                #expect(none["value"] as? String == "", "\(parameters)")
                #expect(none["artist"] == nil)
            }
            let xml = try XMLTree(Data(try await client.raw("getLyrics", [("artist", "Nina"), ("title", "Synced")], format: nil).body.readableBytesView))
            let element = try #require(xml.first("lyrics"))
            #expect(element.attributes["artist"] == "Nina")
            #expect(element.text == "Plain one\nPlain two")
        }
    }

    @Test("getOpenSubsonicExtensions advertises songLyrics and indexBasedQueue, version 1")
    func extensions() async throws {
        try await Self.withLibrary { client, _, _ in
            let list = try #require(try await client.ok("getOpenSubsonicExtensions")["openSubsonicExtensions"] as? [[String: Any]])
            for name in ["songLyrics", "indexBasedQueue"] {
                #expect(list.first { $0["name"] as? String == name }?["versions"] as? [Int] == [1], "\(name)")
            }
        }
    }
}
