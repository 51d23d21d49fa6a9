import Foundation
import GRDB
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

/// The live-session cache behind every signed-in request (`LiveSessions`): a valid token is
/// answered from memory, and every change that ends a session or changes its account is
/// seen by the very next request. Each test first makes the token's session cached (a
/// request that succeeds), then changes it, then asks again.
@Suite("Live sessions")
struct LiveSessionTests {
    static func fixture(_ label: String) throws -> ServerFixture {
        try ServerFixture(label: "live-\(label)")
    }

    /// A password-grant sign-in: a new session, with both tokens.
    static func signIn(_ session: TestSession, _ email: String, password: String = TestSession.password) async throws
        -> (client: SignedInClient, refresh: String)
    {
        let answer = try await session.anonymous.postForm(
            "/auth/token", [("grant_type", "password"), ("username", email), ("password", password)])
        let object = try answer.object()
        let access = try #require(object["access_token"] as? String, "\(answer.status) \(answer.text)")
        let refresh = try #require(object["refresh_token"] as? String)
        return (SignedInClient(base: session.anonymous, token: access), refresh)
    }

    /// Two requests that succeed: the second one is answered from the cache.
    static func warm(_ client: SignedInClient, _ uri: String = "/api/me") async throws {
        for _ in 0..<2 { #expect(try await client.send(.get, uri).status == .ok) }
    }

    static func userID(_ client: SignedInClient) async throws -> String {
        try #require(try await client.send(.get, "/api/me").object()["id"] as? String)
    }

    @Test("a cached session is answered without reading the database: a revocation written behind the server's back (another connection) is not seen")
    func answeredFromMemory() async throws {
        let fixture = try Self.fixture("memory")
        try await fixture.session { session in
            _ = try await session.signUp("ada@example.org")
            let (ada, _) = try await Self.signIn(session, "ada@example.org")
            let (phone, _) = try await Self.signIn(session, "ada@example.org")
            try await Self.warm(ada)
            // Another connection to the same file, which the server's writer does not see.
            let outsider = try DatabaseQueue(path: fixture.test.data.catalogFile.path)
            try await outsider.write { db in try db.execute(sql: "UPDATE sessions SET revoked_at = CURRENT_TIMESTAMP") }
            try outsider.close()
            #expect(try await ada.send(.get, "/api/me").status == .ok, "answered from the cache")
            #expect(try await phone.send(.get, "/api/me").status == .unauthorized, "not cached: read, and found revoked")
        }
    }

    @Test("logout with the access token, and logout naming only the refresh token: the session's access token is refused at once")
    func logout() async throws {
        let fixture = try Self.fixture("logout")
        try await fixture.session { session in
            _ = try await session.signUp("ada@example.org")
            let (web, _) = try await Self.signIn(session, "ada@example.org")
            try await Self.warm(web)
            #expect(try await web.send(.post, "/auth/logout").status == .noContent)
            #expect(try await web.send(.get, "/api/me").status == .unauthorized)

            let (phone, phoneRefresh) = try await Self.signIn(session, "ada@example.org")
            try await Self.warm(phone)
            #expect(try await session.anonymous.postForm("/auth/logout", [("refresh_token", phoneRefresh)]).status == .noContent)
            #expect(try await phone.send(.get, "/api/me").status == .unauthorized)
        }
    }

    @Test("refresh: the rotated session goes on; a replayed refresh token ends it, and both its access tokens are refused at once")
    func rotation() async throws {
        let fixture = try Self.fixture("rotation")
        try await fixture.session { session in
            _ = try await session.signUp("ada@example.org")
            let (first, refresh) = try await Self.signIn(session, "ada@example.org")
            try await Self.warm(first)
            let rotated = try await session.anonymous.postForm("/auth/token", [("grant_type", "refresh_token"), ("refresh_token", refresh)])
            let second = SignedInClient(base: session.anonymous, token: try #require(try rotated.object()["access_token"] as? String))
            try await Self.warm(second)
            try await Self.warm(first)

            let replay = try await session.anonymous.postForm("/auth/token", [("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(replay.status == .badRequest)
            #expect(try await first.send(.get, "/api/me").status == .unauthorized)
            #expect(try await second.send(.get, "/api/me").status == .unauthorized)
        }
    }

    @Test("a password change ends the other sessions at once; the one that made it goes on, and knows the new password at the next change")
    func passwordChange() async throws {
        let fixture = try Self.fixture("password")
        try await fixture.session { session in
            _ = try await session.signUp("ada@example.org")
            let (laptop, _) = try await Self.signIn(session, "ada@example.org")
            let (phone, _) = try await Self.signIn(session, "ada@example.org")
            try await Self.warm(laptop)
            try await Self.warm(phone)
            let firstNew = "the first new password"
            let change = try await laptop.send(
                .post, "/api/me/password", json: #"{"current_password": "\#(TestSession.password)", "new_password": "\#(firstNew)"}"#)
            #expect(change.status == .noContent)
            #expect(try await phone.send(.get, "/api/me").status == .unauthorized, "other sessions end")
            #expect(try await laptop.send(.get, "/api/me").status == .ok, "the changing session stays")
            // The password is checked against the account as the request found it: a
            // remembered account from before the change would still hold the old hash.
            let again = try await laptop.send(
                .post, "/api/me/password", json: #"{"current_password": "\#(firstNew)", "new_password": "the second new password"}"#)
            #expect(again.status == .noContent, "\(again.text)")
        }
    }

    @Test("an admin's password reset, disabling and deleting: the user's access token is refused at once")
    func administration() async throws {
        let fixture = try Self.fixture("admin")
        try await fixture.session { session in
            let admin = try await session.signUp("ada@example.org")
            for change in ["reset", "disable", "delete"] {
                let email = "bob-\(change)@example.org"
                _ = try await session.signUp(email)
                let (bob, _) = try await Self.signIn(session, email)
                let bobID = try await Self.userID(bob)
                try await Self.warm(bob)
                let answer = switch change {
                case "reset": try await admin.send(.put, "/api/admin/users/\(bobID)/password", json: #"{"password": "a reset password here"}"#)
                case "disable": try await admin.send(.patch, "/api/admin/users/\(bobID)", json: #"{"disabled": true}"#)
                default: try await admin.send(.delete, "/api/admin/users/\(bobID)")
                }
                #expect(answer.status.code < 300, "\(change): \(answer.status) \(answer.text)")
                #expect(try await bob.send(.get, "/api/me").status == .unauthorized, "\(change)")
            }
        }
    }

    @Test("a role change is seen by the very next request: a demoted admin is refused the admin routes, a promoted user let in")
    func roles() async throws {
        let fixture = try Self.fixture("roles")
        try await fixture.session { session in
            let admin = try await session.signUp("ada@example.org")
            _ = try await session.signUp("bob@example.org")
            let (bob, _) = try await Self.signIn(session, "bob@example.org")
            let bobID = try await Self.userID(bob)
            try await Self.warm(bob)
            #expect(try await bob.send(.get, "/api/admin/users").status == .forbidden)

            #expect(try await admin.send(.patch, "/api/admin/users/\(bobID)", json: #"{"role": "admin"}"#).status == .ok)
            #expect(try await bob.send(.get, "/api/admin/users").status == .ok, "promoted")
            try await Self.warm(bob, "/api/admin/users")

            #expect(try await admin.send(.patch, "/api/admin/users/\(bobID)", json: #"{"role": "user"}"#).status == .ok)
            #expect(try await bob.send(.get, "/api/admin/users").status == .forbidden, "demoted")
            #expect(try await bob.send(.get, "/api/me").object()["role"] as? String == "user")
        }
    }

    @Test("revoking the app password refuses the apps' very next request")
    func appPasswordRevoke() async throws {
        let fixture = try Self.fixture("app-password")
        try await fixture.session { session in
            let ada = try await session.signUp("ada@example.org")
            let made = try await ada.send(.post, "/api/me/subsonic").object()
            let name = try #require(made["username"] as? String)
            let password = try #require(made["app_password"] as? String)
            let ping = "/rest/ping.view?f=json&v=1.16.1&c=test&u=\(name)&p=\(password)"
            func status() async throws -> String? {
                let answer = try await session.anonymous.send(.get, ping).object()
                return (answer["subsonic-response"] as? [String: Any])?["status"] as? String
            }
            for _ in 0..<2 { #expect(try await status() == "ok") }
            #expect(try await ada.send(.delete, "/api/me/subsonic").status == .noContent)
            #expect(try await status() == "failed")
        }
    }
}
