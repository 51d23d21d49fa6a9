import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Subsonic
import Testing

/// stream, download and getCoverArt: the same bytes as `/stream`, with Range; covers by
/// every id form apps use, a placeholder image where there is none, never HTML.
@Suite("Subsonic: stream, download and cover art")
struct MediaTests {
    static let email = "ada@example.org"

    static func withLibrary(_ body: @Sendable (TestHost, SubsonicTestClient, [UInt8], String, String) async throws -> Void) async throws {
        let test = try TestHost(label: "subsonic-media")
        let url = try await test.addTrack(
            "Nina/First Light/01 - Dawn Chorus.flac", tags: ["title": "Dawn Chorus", "artist": "Nina", "album": "First Light"],
            seconds: 2, embeddedCover: true)
        try await test.addTrack("Nina/Bare/01 - Plain.mp3", tags: ["title": "Plain", "artist": "Nina", "album": "Bare"])
        await test.scan()
        let id = try #require(try await test.track(at: "Nina/First Light/01 - Dawn Chorus.flac")?.id)
        let bytes = [UInt8](try Data(contentsOf: url))
        try await TestServer(host: test.host).run { session in
            let ada = try await session.signUp(Self.email)
            let userID = try #require(try await ada.send(.get, "/api/me").object()["id"] as? String)
            try await body(
                test, SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.email), ("p", TestSession.password)]), bytes,
                id, userID)
        }
    }

    @Test("stream: the original bytes, a 0-1 probe and a resume range as 206, HEAD without a body; download names the file")
    func stream() async throws {
        try await Self.withLibrary { _, client, bytes, id, _ in
            let whole = try await client.raw("stream", [("id", id)], format: nil)
            #expect(whole.status == .ok)
            #expect(Array(whole.body.readableBytesView) == bytes)
            #expect(whole.headers[.contentType] == "audio/flac")
            #expect(whole.headers[.acceptRanges] == "bytes")
            let query = client.query([("id", id)], format: nil)
            let probe = try await client.client.executeRequest(uri: "/rest/stream.view?\(query)", method: .get, headers: [.range: "bytes=0-1"], body: nil)
            #expect(probe.status == .partialContent)
            #expect(Array(probe.body.readableBytesView) == Array(bytes[0...1]))
            let resume = try await client.client.executeRequest(uri: "/rest/stream?\(query)", method: .get, headers: [.range: "bytes=1000-"], body: nil)
            #expect(resume.status == .partialContent)
            #expect(resume.headers[.contentRange] == "bytes 1000-\(bytes.count - 1)/\(bytes.count)")
            #expect(Array(resume.body.readableBytesView) == Array(bytes[1000...]))
            let past = try await client.client.executeRequest(uri: "/rest/stream?\(query)", method: .get, headers: [.range: "bytes=\(bytes.count)-"], body: nil)
            #expect(past.status == .rangeNotSatisfiable)
            let head = try await client.client.executeRequest(uri: "/rest/stream?\(query)", method: .head, headers: [:], body: nil)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            let download = try await client.raw("download", [("id", id)], format: nil)
            #expect(Array(download.body.readableBytesView) == bytes)
            #expect(download.headers[.contentDisposition]?.contains("filename=\"Dawn Chorus.flac\"") == true)
        }
    }

    @Test("stream of an unknown id is an error envelope (70), not a bare 404")
    func unknownTrack() async throws {
        try await Self.withLibrary { _, client, _, _, _ in
            let answer = try await client.raw("stream", [("id", "no-such-track")], format: "json")
            #expect(answer.status == .ok)
            let response = try #require((try JSONSerialization.jsonObject(with: Data(answer.body.readableBytesView)) as? [String: Any])?["subsonic-response"] as? [String: Any])
            #expect((response["error"] as? [String: Any])?["code"] as? Int == 70)
        }
    }

    @Test("getCoverArt by the song's coverArt, the album id, al-, ar- and pl-; a placeholder PNG for none; 304 on a match")
    func covers() async throws {
        try await Self.withLibrary { test, client, _, id, userID in
            let track = try #require(try await test.track(at: "Nina/First Light/01 - Dawn Chorus.flac"))
            let album = try #require(track.albumID)
            let artist = try #require(track.artistID)
            // What songs carry as coverArt.
            let coverArt = try #require(SubsonicShapes(sources: test.host.sources).coverArt(of: track))
            let playlist = try await test.host.playlists.create(ownerID: userID, name: "Covers", isPublic: false)
            _ = try await test.host.playlists.add(trackIDs: [id], at: nil, to: playlist.summary.playlist.id, userID: userID)
            let playlistID = playlist.summary.playlist.id
            for form in [coverArt, album, "al-\(album)", "ar-\(artist)", "pl-\(playlistID)"] {
                let answer = try await client.raw("getCoverArt", [("id", form), ("size", "64")], format: nil)
                #expect(answer.status == .ok, "\(form)")
                #expect(answer.headers[.contentType] == "image/jpeg", "\(form): a 64 px thumbnail")
                #expect(Array(answer.body.readableBytesView.prefix(3)) == [0xFF, 0xD8, 0xFF], "\(form)")
            }
            for none in ["al-0000000000000000", "ar-nobody", "pl-nothing", "no-such-id"] {
                let answer = try await client.raw("getCoverArt", [("id", none)], format: nil)
                #expect(answer.status == .ok, "\(none)")
                #expect(answer.headers[.contentType] == "image/png", "\(none): the placeholder")
                #expect(Array(answer.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47], "\(none)")
            }
            let first = try await client.raw("getCoverArt", [("id", "al-\(album)")], format: nil)
            let tag = try #require(first.headers[.eTag])
            let query = client.query([("id", "al-\(album)")], format: nil)
            let again = try await client.client.executeRequest(uri: "/rest/getCoverArt?\(query)", method: .get, headers: [.ifNoneMatch: tag], body: nil)
            #expect(again.status == .notModified)
        }
    }
}
