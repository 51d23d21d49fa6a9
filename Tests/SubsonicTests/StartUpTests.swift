import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The calls every app makes first, the envelope, the error codes and password sign-in.
@Suite("Subsonic: start-up calls, envelopes and password sign-in")
struct StartUpTests {
    static let email = "ada@example.org"

    static func withServer(_ body: @Sendable (TestSession, SubsonicTestClient) async throws -> Void) async throws {
        let test = try TestHost(label: "subsonic-startup")
        try await TestServer(host: test.host).run { session in
            _ = try await session.signUp(Self.email)
            try await body(session, SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.email), ("p", TestSession.password)]))
        }
    }

    @Test("ping with the account's password, plain and enc:, by GET and by form POST; the envelope says OpenSubsonic")
    func ping() async throws {
        try await Self.withServer { session, client in
            let response = try await client.ok("ping")
            #expect(response["version"] as? String == "1.16.1")
            #expect(response["openSubsonic"] as? Bool == true)
            #expect(response["type"] as? String == "MySpotify")
            #expect((response["serverVersion"] as? String)?.isEmpty == false)
            _ = try await client.ok("ping.view", post: true)
            let hex = Data(TestSession.password.utf8).map { String(format: "%02X", $0) }.joined()
            let encoded = SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.email), ("p", "enc:" + hex)])
            _ = try await encoded.ok("ping")
            let lower = SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.email), ("p", "enc:" + hex.lowercased())])
            _ = try await lower.ok("ping")
        }
    }

    @Test("XML is the default: namespaced, well-formed, status ok")
    func xmlDefault() async throws {
        try await Self.withServer { _, client in
            let answer = try await client.raw("getLicense", format: nil)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType]?.hasPrefix("application/xml") == true)
            let document = try XMLDocument(Data(answer.body.readableBytesView))
            let root = try #require(document.elements.first)
            #expect(root.name == "subsonic-response")
            #expect(root.namespace == "http://subsonic.org/restapi")
            #expect(root.attributes["status"] == "ok")
            #expect(document.elements.first { $0.name == "license" }?.attributes["valid"] == "true")
        }
    }

    @Test("errors are HTTP 200 envelopes with the protocol's codes: 10 missing, 40 wrong, 70 unknown method")
    func errors() async throws {
        try await Self.withServer { session, client in
            let nobody = SubsonicTestClient(client: session.anonymous, credentials: [])
            let wrong = SubsonicTestClient(client: session.anonymous, credentials: [("u", Self.email), ("p", "not the password")])
            let stranger = SubsonicTestClient(client: session.anonymous, credentials: [("u", "nobody@example.org"), ("p", "whatever it is")])
            let missing = try await nobody.errorCode("ping")
            let wrongPassword = try await wrong.errorCode("ping")
            let unknownAccount = try await stranger.errorCode("ping")
            let unknownMethod = try await client.errorCode("noSuchMethod")
            // An unknown method without credentials still gets an envelope, never a bare 404.
            let unknownAnonymous = try await nobody.errorCode("noSuchMethod.view")
            #expect(missing == 10)
            #expect(wrongPassword == 40)
            #expect(unknownAccount == 40)
            #expect(unknownMethod == 70)
            #expect(unknownAnonymous == 10)
        }
    }

    @Test("getOpenSubsonicExtensions answers without credentials and lists versions as numbers")
    func extensions() async throws {
        try await Self.withServer { session, _ in
            let nobody = SubsonicTestClient(client: session.anonymous, credentials: [])
            let response = try await nobody.ok("getOpenSubsonicExtensions")
            let list = try #require(response["openSubsonicExtensions"] as? [[String: Any]])
            let formPost = try #require(list.first { $0["name"] as? String == "formPost" })
            #expect(formPost["versions"] as? [Int] == [1])
        }
    }

    @Test("getMusicFolders: one folder whose id is an int, in an array")
    func musicFolders() async throws {
        try await Self.withServer { _, client in
            let response = try await client.ok("getMusicFolders")
            let folders = try #require((response["musicFolders"] as? [String: Any])?["musicFolder"] as? [[String: Any]])
            #expect(folders.count == 1)
            #expect(folders.first?["id"] as? Int == 1)
        }
    }
}
