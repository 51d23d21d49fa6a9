import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// Issue 10, point 2: a cover is never served as a type a browser would run, and every
/// answer but the web app's own files forbids sniffing and running anything.
@Suite("Hostile covers and the headers of every answer")
struct CoverSecurityTests {
    static let policy = "default-src 'none'; frame-ancestors 'none'; sandbox"

    @Test("an MP3 whose picture is an SVG declared image/svg+xml has no cover: 404, never image/svg+xml")
    func svgCoverIsRefused() async throws {
        let fixture = try ServerFixture(label: "svg-cover")
        try await PictureFixtures.mp3(
            at: fixture.test.library.appendingPathComponent("Evil/Album/01 - Song.mp3"), title: "Song",
            picture: PictureFixtures.hostileSVG, mime: "image/svg+xml")
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "Evil/Album/01 - Song.mp3")
        try await fixture.run { client in
            for uri in ["/api/covers/\(id)", "/api/covers/\(id)?size=64"] {
                let answer = try await client.send(.get, uri)
                #expect(answer.status == .notFound, "\(uri)")
                #expect(answer.headers[.contentType]?.contains("svg") != true, "\(uri)")
                #expect(!answer.text.contains("<script>"), "\(uri)")
                #expect(answer.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(answer.headers[HTTPField.Name("Content-Security-Policy")!] == Self.policy)
            }
        }
    }

    @Test("a picture whose bytes are HTML, declared image/jpeg, is refused; the folder's image is served instead")
    func htmlCoverFallsBackToFolderImage() async throws {
        let fixture = try ServerFixture(label: "html-cover")
        let html = Array("<!doctype html><html><script>alert(document.cookie)</script></html>".utf8)
        try await PictureFixtures.mp3(
            at: fixture.test.library.appendingPathComponent("Evil/Album/01 - Song.mp3"), title: "Song", picture: html,
            mime: "image/jpeg")
        let folderImage = try await AudioFixtures.image(at: fixture.test.library.appendingPathComponent("Evil/Album/cover.png"))
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "Evil/Album/01 - Song.mp3")
        try await fixture.run { client in
            let answer = try await client.send(.get, "/api/covers/\(id)")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "image/png")
            #expect(answer.bytes == [UInt8](try Data(contentsOf: folderImage)))
        }
    }

    @Test("a real picture declared image/svg+xml is served as what its bytes are")
    func typeComesFromTheBytes() async throws {
        let fixture = try ServerFixture(label: "declared-svg")
        let folder = try TemporaryFolder("picture")
        let png = [UInt8](try Data(contentsOf: await AudioFixtures.image(at: folder.appending("p.png"))))
        try await PictureFixtures.mp3(
            at: fixture.test.library.appendingPathComponent("A/B/01 - Song.mp3"), title: "Song", picture: png,
            mime: "image/svg+xml")
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "A/B/01 - Song.mp3")
        try await fixture.run { client in
            let answer = try await client.send(.get, "/api/covers/\(id)")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "image/png")
            #expect(answer.bytes == png)
        }
    }

    @Test("every route family carries nosniff and a CSP that allows nothing; the web app's files keep their own")
    func headersOnEveryAnswer() async throws {
        let fixture = try ServerFixture(label: "headers")
        try await fixture.test.addTrack("A/B/01 - Song.mp3", tags: ["title": "Song", "artist": "A"], embeddedCover: true)
        await fixture.test.scan()
        let id = try await fixture.trackID(at: "A/B/01 - Song.mp3")
        var settings = ServerSettings()
        settings.webDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Web").path
        let noSniff = HTTPField.Name("X-Content-Type-Options")!
        let csp = HTTPField.Name("Content-Security-Policy")!
        try await fixture.session(settings: settings) { session in
            let client = try await session.signUp("owner@example.org")
            let signedIn: [(HTTPRequest.Method, String, HTTPResponse.Status)] = [
                (.get, "/api/me", .ok), (.get, "/api/search?q=song", .ok), (.get, "/api/tracks/\(id)", .ok),
                (.get, "/api/covers/\(id)", .ok), (.get, "/api/covers/\(id)?size=32", .ok),
                (.get, "/stream/\(id)", .ok), (.head, "/stream/\(id)", .ok), (.get, "/api/tracks/nope", .notFound),
                (.get, "/api/covers/nope", .notFound), (.get, "/api/providers", .ok), (.get, "/api/no-such-route", .notFound),
            ]
            for (method, uri, status) in signedIn {
                let answer = try await client.send(method, uri)
                #expect(answer.status == status, "\(method) \(uri)")
                #expect(answer.headers[noSniff] == "nosniff", "\(method) \(uri)")
                #expect(answer.headers[csp] == Self.policy, "\(method) \(uri)")
            }
            let anonymous: [(HTTPRequest.Method, String, HTTPResponse.Status)] = [
                (.get, "/healthz", .ok), (.get, "/auth/config", .ok), (.post, "/auth/token", .badRequest),
                (.get, "/api/me", .unauthorized), (.get, "/stream/\(id)", .unauthorized),
                (.get, "/api/covers/\(id)", .unauthorized),
            ]
            for (method, uri, status) in anonymous {
                let answer = try await session.anonymous.send(method, uri)
                #expect(answer.status == status, "\(method) \(uri)")
                #expect(answer.headers[noSniff] == "nosniff", "\(method) \(uri)")
                #expect(answer.headers[csp] == Self.policy, "\(method) \(uri)")
            }
            for uri in ["/", "/index.html", "/admin", "/js/main.js"] {
                let answer = try await session.anonymous.send(.get, uri)
                #expect(answer.status == .ok, "\(uri)")
                #expect(answer.headers[noSniff] == "nosniff", "\(uri)")
                #expect(answer.headers[csp]?.contains("script-src 'self'") == true, "\(uri): the web app keeps its policy")
            }
        }
    }
}
