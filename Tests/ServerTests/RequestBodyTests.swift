import Foundation
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import TestSupport
import Testing

/// What a route accepts as a body: its media type (415 otherwise) and at most 256 KiB
/// (413 otherwise), through the real server on loopback.
@Suite("Request bodies: media type and size")
struct RequestBodyTests {
    static func post(
        _ client: any TestClientProtocol, _ path: String, body: String, contentType: String?, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let contentType { headers[.contentType] = contentType }
        return try await client.executeRequest(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func playlistNames(_ client: SignedInClient) async throws -> [String] {
        try await client.send(.get, "/api/playlists").items().compactMap { $0["name"] as? String }
    }

    @Test("a JSON route reads application/json only (any case, with parameters): text/plain, a form or no type is a 415 naming the type, and nothing changes")
    func jsonNeedsItsMediaType() async throws {
        try await ServerFixture(label: "body-json-type").session { session in
            let ada = try await session.signUp("ada@example.org")
            let body = #"{"name": "Mixtape"}"#
            for refused in ["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                            "application/jsonp", "application/json-seq", "text/json", "any/json", nil] as [String?] {
                let answer = try await Self.post(ada, "/api/playlists", body: body, contentType: refused)
                #expect(answer.status == .unsupportedMediaType, "\(refused ?? "no type"): \(answer.status)")
                #expect(answer.errorCode == "unsupported_media_type")
                #expect(answer.errorMessage.contains("application/json"), "\(answer.errorMessage)")
            }
            #expect(try await Self.playlistNames(ada).isEmpty, "no refused body made a playlist")

            for accepted in ["application/json", "Application/JSON", "application/json; charset=utf-8", " application/json ;charset=UTF-8"] {
                let answer = try await Self.post(ada, "/api/playlists", body: body, contentType: accepted)
                #expect(answer.status == .created, "\(accepted): \(answer.status) \(answer.text)")
            }
            // The 400s for an empty or broken body are as they were, whatever the type.
            for contentType in ["application/json", "text/plain", nil] as [String?] {
                let empty = try await Self.post(ada, "/api/playlists", body: "", contentType: contentType)
                #expect(empty.status == .badRequest)
                #expect(empty.errorMessage == "this request needs a JSON body")
            }
            let broken = try await Self.post(ada, "/api/playlists", body: "{not json", contentType: "application/json")
            #expect(broken.errorMessage == "the body is not valid JSON")

            // Sign-up is a JSON route too.
            let register = try await Self.post(
                session.anonymous, "/auth/register", body: #"{"email": "bob@example.org", "password": "\#(TestSession.password)"}"#,
                contentType: "text/plain")
            #expect(register.status == .unsupportedMediaType)
            #expect(try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", "bob@example.org"), ("password", TestSession.password)]
            ).status == .badRequest, "no account was made")
        }
    }

    @Test("the token and logout forms are application/x-www-form-urlencoded only: another type is a 415 (in the OAuth2 shape on /auth/token)")
    func formsNeedTheirMediaType() async throws {
        try await ServerFixture(label: "body-form-type").session { session in
            let ada = try await session.signUp("ada@example.org")
            let form = "grant_type=password&username=ada%40example.org&password=\(TestSession.password.replacingOccurrences(of: " ", with: "+"))"
            for refused in ["text/plain", "application/json", nil] as [String?] {
                let answer = try await Self.post(session.anonymous, "/auth/token", body: form, contentType: refused)
                #expect(answer.status == .unsupportedMediaType, "\(refused ?? "no type"): \(answer.status)")
                let object = try answer.object()
                #expect(object["error"] as? String == "unsupported_media_type")
                #expect((object["error_description"] as? String)?.contains("application/x-www-form-urlencoded") == true)
                #expect(answer.headers[values: .setCookie].isEmpty)
            }
            let accepted = try await Self.post(
                session.anonymous, "/auth/token", body: form, contentType: "application/x-www-form-urlencoded; charset=utf-8")
            #expect(accepted.status == .ok, "\(accepted.text)")
            // An empty form keeps its 400 naming the missing field.
            let empty = try await Self.post(session.anonymous, "/auth/token", body: "", contentType: nil)
            #expect(empty.status == .badRequest)
            #expect(try empty.object()["error"] as? String == "invalid_request")

            let logout = try await Self.post(ada, "/auth/logout", body: #"{"refresh_token": "x"}"#, contentType: "application/json")
            #expect(logout.status == .unsupportedMediaType)
            #expect(logout.errorCode == "unsupported_media_type")
            #expect(try await ada.send(.get, "/api/me").status == .ok, "the refused logout ended nothing")
            #expect(try await ada.send(.post, "/auth/logout").status == .noContent, "no body needs no type")
        }
    }

    @Test("a body over 256 KiB is a 413 that says the limit, JSON or form, and logs no error; one of exactly 256 KiB is read")
    func oversizeBodies() async throws {
        let captured = CapturedLog()
        let test = try TestHost(label: "body-size")
        let server = try await TestServer(host: test.host, logger: captured.logger("http"))
        let limit = 256 * 1024
        try await server.run { session in
            let ada = try await session.signUp("ada@example.org")
            // {"name": "Big", "pad": "xxx…"} padded to a given total size (unknown keys are ignored).
            func playlist(size: Int) -> String {
                let frame = #"{"name": "Big", "pad": ""}"#
                return #"{"name": "Big", "pad": ""# + String(repeating: "x", count: size - frame.utf8.count) + #""}"#
            }
            #expect(playlist(size: limit).utf8.count == limit)

            let over = try await Self.post(ada, "/api/playlists", body: playlist(size: limit + 1), contentType: "application/json")
            #expect(over.status == .contentTooLarge)
            #expect(over.errorCode == "too_large")
            #expect(over.errorMessage.contains("larger than 256 KiB"), "\(over.errorMessage)")
            #expect(try await Self.playlistNames(ada).isEmpty)

            let far = try await Self.post(ada, "/api/playlists", body: playlist(size: 4 * limit), contentType: "application/json")
            #expect(far.status == .contentTooLarge)

            let register = try await Self.post(
                session.anonymous, "/auth/register", body: playlist(size: limit + 1), contentType: "application/json")
            #expect(register.status == .contentTooLarge)
            #expect(register.errorCode == "too_large")

            let form = "grant_type=password&username=ada%40example.org&password=" + String(repeating: "x", count: limit)
            let token = try await Self.post(session.anonymous, "/auth/token", body: form, contentType: "application/x-www-form-urlencoded")
            #expect(token.status == .contentTooLarge)
            let oauth = try token.object()
            #expect(oauth["error"] as? String == "too_large")
            #expect((oauth["error_description"] as? String)?.contains("larger than 256 KiB") == true)

            let logout = try await Self.post(ada, "/auth/logout", body: "refresh_token=" + String(repeating: "x", count: limit), contentType: "application/x-www-form-urlencoded")
            #expect(logout.status == .contentTooLarge)
            #expect(logout.errorCode == "too_large")

            let exact = try await Self.post(ada, "/api/playlists", body: playlist(size: limit), contentType: "application/json")
            #expect(exact.status == .created, "a body of exactly the limit is read: \(exact.status) \(exact.errorMessage)")
        }
        let lines = captured.text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("info ") || $0.hasPrefix("debug ") || $0.hasPrefix("trace ") }, "the log is really captured")
        let errors = lines.filter { $0.hasPrefix("error ") || $0.hasPrefix("critical ") }
        #expect(errors.isEmpty, "a client's oversize body is no server error: \(errors)")
    }
}
