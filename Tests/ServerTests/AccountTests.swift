import Foundation
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import JWTKit
import Server
import Synchronization
import TestSupport
import Testing

/// Sign-up, sign-in, tokens, sessions and roles, through the real HTTP server.
@Suite("Accounts")
struct AccountTests {
    static func fixture(_ label: String) async throws -> ServerFixture {
        let fixture = try ServerFixture(label: label)
        try await fixture.test.addTrack("Artist/Album/01 - Song.mp3", tags: ["title": "Song", "artist": "Artist"], embeddedCover: true)
        await fixture.test.scan()
        return fixture
    }

    @Test("sign-up signs in; the first account is the admin, the next is not; one account per email; weak passwords are refused with the rule")
    func signUp() async throws {
        let fixture = try await Self.fixture("signup")
        try await fixture.session { session in
            let first = try await session.anonymous.send(.post, "/auth/register", json: #"{"email": " Ada@Example.org ", "password": "a long enough password"}"#)
            #expect(first.status == .created)
            let answer = try first.object()
            #expect(answer["token_type"] as? String == "bearer")
            #expect(answer["expires_in"] as? Int == 900)
            #expect((answer["refresh_token"] as? String)?.isEmpty == false)
            let user = try #require(answer["user"] as? [String: Any])
            #expect(user["email"] as? String == "ada@example.org")
            #expect(user["role"] as? String == "admin")

            let second = try await session.signUp("bob@example.org")
            let me = try await second.send(.get, "/api/me").object()
            #expect(me["role"] as? String == "user")
            #expect(me["email"] as? String == "bob@example.org")

            let again = try await session.anonymous.send(.post, "/auth/register", json: #"{"email": "ADA@example.org", "password": "another long password"}"#)
            #expect(again.status == .conflict)

            let refusals: [(String, String)] = [
                (#"{"email": "c@example.org", "password": "short"}"#, "at least 8 characters"),
                (#"{"email": "c@example.org", "password": "aaaaaaaaaaaa"}"#, "one character repeated"),
                (#"{"email": "c@example.org", "password": "c@example.org"}"#, "not be your email"),
                (#"{"email": "c@example.org", "password": "\#(String(repeating: "é", count: 40))"}"#, "at most 72 characters"),
                (#"{"email": "not an address", "password": "a long enough password"}"#, "not an email address"),
                (#"{"email": "c@example.org"}"#, "lacks \"password\""),
            ]
            for (body, rule) in refusals {
                let refused = try await session.anonymous.send(.post, "/auth/register", json: body)
                #expect(refused.status == .badRequest, "\(body)")
                #expect(refused.errorCode == "bad_request")
                #expect(refused.errorMessage.contains(rule), "\(refused.text) should say \(rule)")
            }
        }
    }

    @Test("password grant, refresh with rotation, a replayed refresh token ends the session, logout revokes the token")
    func tokens() async throws {
        let fixture = try await Self.fixture("tokens")
        try await fixture.session { session in
            _ = try await session.signUp("ada@example.org")
            let wrong = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", "ada@example.org"), ("password", "wrong password")])
            #expect(wrong.status == .badRequest)
            #expect(try wrong.object()["error"] as? String == "invalid_grant")
            let unknownGrant = try await session.anonymous.postForm("/auth/token", [("grant_type", "client_credentials")])
            #expect(try unknownGrant.object()["error"] as? String == "unsupported_grant_type")

            let signedIn = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", "ADA@example.org"), ("password", TestSession.password)])
            #expect(signedIn.status == .ok)
            let first = try signedIn.object()
            let access = try #require(first["access_token"] as? String)
            let refresh = try #require(first["refresh_token"] as? String)
            #expect(try await SignedInClient(base: session.anonymous, token: access).send(.get, "/api/me").status == .ok)

            let rotated = try await session.anonymous.postForm("/auth/token", [("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(rotated.status == .ok)
            let second = try rotated.object()
            let newAccess = try #require(second["access_token"] as? String)
            let newRefresh = try #require(second["refresh_token"] as? String)
            #expect(newRefresh != refresh)

            // The old refresh token was copied (or stolen): using it again ends the session,
            // so the tokens issued from it stop working too.
            let replay = try await session.anonymous.postForm("/auth/token", [("grant_type", "refresh_token"), ("refresh_token", refresh)])
            #expect(replay.status == .badRequest)
            #expect(replay.text.contains("already used"))
            #expect(try await SignedInClient(base: session.anonymous, token: newAccess).send(.get, "/api/me").status == .unauthorized)
            let afterReplay = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "refresh_token"), ("refresh_token", newRefresh)])
            #expect(afterReplay.status == .badRequest)

            // A refresh token alone, in the logout form, ends its session.
            let phone = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", "ada@example.org"), ("password", TestSession.password)])
            let phoneRefresh = try #require(try phone.object()["refresh_token"] as? String)
            #expect(try await session.anonymous.postForm("/auth/logout", [("refresh_token", phoneRefresh)]).status == .noContent)
            let afterLogout = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "refresh_token"), ("refresh_token", phoneRefresh)])
            #expect(afterLogout.status == .badRequest, "a refresh token named at logout is revoked")

            // Logout revokes the session at once, not when the token expires.
            let other = try await session.signIn("ada@example.org")
            #expect(try await other.send(.get, "/api/me").status == .ok)
            #expect(try await other.send(.post, "/auth/logout").status == .noContent)
            let revoked = try await other.send(.get, "/api/me")
            #expect(revoked.status == .unauthorized)
            #expect(revoked.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test("no token, garbage, a tampered, expired, foreign-key or alg:none token: 401")
    func badTokens() async throws {
        let fixture = try await Self.fixture("bad-tokens")
        try await fixture.session { session in
            let ada = try await session.signUp("ada@example.org")
            let parts = ada.token.split(separator: ".").map(String.init)
            let claims = try JSONSerialization.jsonObject(with: try #require(Data(base64URL: parts[1]))) as? [String: Any] ?? [:]
            let secret = try Data(contentsOf: fixture.test.data.jwtSecretFile)

            let expired = JWTKeyCollection()
            await expired.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
            let past = Date().addingTimeInterval(-60)
            let expiredToken = try await expired.sign(TestClaims(
                sub: claims["sub"] as? String ?? "", sid: claims["sid"] as? String ?? "", iat: past.addingTimeInterval(-900),
                exp: ExpirationClaim(value: past)))
            let foreign = JWTKeyCollection()
            await foreign.add(hmac: HMACKey(from: Data((0..<48).map { _ in UInt8.random(in: 0...255) })), digestAlgorithm: .sha256)
            let foreignToken = try await foreign.sign(TestClaims(
                sub: claims["sub"] as? String ?? "", sid: claims["sid"] as? String ?? "", iat: Date(),
                exp: ExpirationClaim(value: Date().addingTimeInterval(600))))
            let noneHeader = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URL
            let tamperedClaims = parts[1].dropLast() + (parts[1].last == "A" ? "B" : "A")

            let tokens = [
                "garbage": "not-a-token",
                "tampered payload": "\(parts[0]).\(tamperedClaims).\(parts[2])",
                "tampered signature": "\(parts[0]).\(parts[1]).\(String(parts[2].reversed()))",
                "alg none": "\(noneHeader).\(parts[1]).",
                "expired": expiredToken,
                "signed with another key": foreignToken,
            ]
            for (name, token) in tokens {
                let answer = try await SignedInClient(base: session.anonymous, token: token).send(.get, "/api/me")
                #expect(answer.status == .unauthorized, "\(name)")
                #expect(answer.errorCode == "unauthorized", "\(name)")
            }
            let none = try await session.anonymous.send(.get, "/api/me")
            #expect(none.status == .unauthorized)
            #expect(none.text.contains("sign in first"))
            let basic = try await session.anonymous.send(.get, "/api/me", headers: [.authorization: "Basic YTpi"])
            #expect(basic.status == .unauthorized)
            #expect(try await ada.send(.get, "/api/me").status == .ok, "the genuine token still works")
        }
    }

    @Test("browsers: sign-in sets HttpOnly cookies that open /stream and covers; logout clears them")
    func cookies() async throws {
        let fixture = try await Self.fixture("cookies")
        let id = try await fixture.trackID(at: "Artist/Album/01 - Song.mp3")
        try await fixture.session { session in
            let answer = try await session.anonymous.send(.post, "/auth/register", json: #"{"email": "ada@example.org", "password": "a long enough password"}"#)
            let setCookies = answer.headers[values: .setCookie]
            let access = try #require(setCookies.first { $0.hasPrefix("myspotify_access=") })
            let refresh = try #require(setCookies.first { $0.hasPrefix("myspotify_refresh=") })
            for attribute in ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=900"] { #expect(access.contains(attribute), "\(access)") }
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/auth"] { #expect(refresh.contains(attribute), "\(refresh)") }
            #expect(!access.contains("Secure"), "plain http on loopback: a Secure cookie would never be sent back")
            let accessValue = String(access.split(separator: ";")[0])
            let refreshValue = String(refresh.split(separator: ";")[0])

            let stream = try await session.anonymous.send(.get, "/stream/\(id)", headers: [.cookie: accessValue, .range: "bytes=0-9"])
            #expect(stream.status == .partialContent)
            #expect(stream.bytes.count == 10)
            let cover = try await session.anonymous.send(.get, "/api/covers/\(id)", headers: [.cookie: accessValue])
            #expect(cover.status == .ok)
            #expect(cover.headers[.contentType]?.hasPrefix("image/") == true)

            // The refresh cookie alone renews the session (the web page never sees a token).
            let renewed = try await session.anonymous.postForm("/auth/token", [("grant_type", "refresh_token")], headers: [.cookie: refreshValue])
            #expect(renewed.status == .ok)
            #expect(renewed.headers[values: .setCookie].contains { $0.hasPrefix("myspotify_access=") })

            let renewedAccess = try #require(renewed.headers[values: .setCookie].first { $0.hasPrefix("myspotify_access=") })
            let renewedValue = String(renewedAccess.split(separator: ";")[0])
            let logout = try await session.anonymous.send(.post, "/auth/logout", headers: [.cookie: renewedValue])
            #expect(logout.status == .noContent)
            #expect(logout.headers[values: .setCookie].contains { $0.hasPrefix("myspotify_access=;") && $0.contains("Max-Age=0") })
            #expect(try await session.anonymous.send(.get, "/api/me", headers: [.cookie: renewedValue]).status == .unauthorized)
        }
    }

    @Test("behind a trusted proxy, https requests get Secure cookies and plain ones do not; an untrusted X-Forwarded-Proto is ignored")
    func secureCookies() async throws {
        let fixture = try await Self.fixture("secure-cookies")
        var settings = ServerSettings()
        settings.trustProxy = true
        try await fixture.session(settings: settings) { session in
            func cookies(_ email: String, _ headers: HTTPFields) async throws -> [String] {
                try await session.anonymous.send(
                    .post, "/auth/register", json: #"{"email": "\#(email)", "password": "a long enough password"}"#, headers: headers
                ).headers[values: .setCookie]
            }
            let https = try await cookies("a@example.org", [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(https.count == 2 && https.allSatisfy { $0.contains("Secure") }, "\(https)")
            let plain = try await cookies("b@example.org", [:])
            #expect(plain.count == 2 && plain.allSatisfy { !$0.contains("Secure") }, "\(plain)")
        }
        try await fixture.session { session in
            let untrusted = try await session.anonymous.send(
                .post, "/auth/register", json: #"{"email": "c@example.org", "password": "a long enough password"}"#,
                headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(untrusted.headers[values: .setCookie].allSatisfy { !$0.contains("Secure") })
        }
    }

    @Test("failed sign-ins are limited per account and per address, even for the right password afterwards")
    func rateLimit() async throws {
        let fixture = try await Self.fixture("rate-limit")
        try await fixture.session { session in
            _ = try await session.signUp("ada@example.org")
            _ = try await session.signUp("bob@example.org")
            func attempt(_ email: String, _ password: String) async throws -> TestResponse {
                try await session.anonymous.postForm("/auth/token", [("grant_type", "password"), ("username", email), ("password", password)])
            }
            for _ in 0..<5 { #expect(try await attempt("ada@example.org", "wrong password").status == .badRequest) }
            let locked = try await attempt("ada@example.org", TestSession.password)
            #expect(locked.status == .tooManyRequests)
            #expect(try locked.object()["error"] as? String == "too_many_requests")
            let retryAfter = try #require(locked.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...900).contains(retryAfter))
            #expect(try await attempt("bob@example.org", TestSession.password).status == .ok, "another account is not locked")

            // From one address, 20 failures over any accounts lock out the address.
            for index in 0..<15 { _ = try await attempt("nobody\(index)@example.org", "wrong password") }
            #expect(try await attempt("bob@example.org", TestSession.password).status == .tooManyRequests)
        }
    }

    @Test("/auth/config says a brand-new server awaits its first account (the admin), and only that")
    func firstAccount() async throws {
        let fixture = try await Self.fixture("first-account")
        try await fixture.session { session in
            let fresh = try await session.anonymous.send(.get, "/auth/config").object()
            #expect(fresh["first_account"] as? Bool == true)
            #expect(Set(fresh.keys) == ["registration", "google", "first_account"], "nothing else is told to strangers")
            let first = try await session.signUp("first@example.org")
            #expect(try await first.send(.get, "/api/me").object()["role"] as? String == "admin")
            #expect(try await session.anonymous.send(.get, "/auth/config").object()["first_account"] as? Bool == false)
        }
    }

    @Test("closed registration: strangers are refused, an admin address may sign up as admin, admins create users")
    func closedRegistration() async throws {
        let fixture = try await Self.fixture("closed")
        var settings = TestServer.accountSettings()
        settings.registration = .closed
        settings.adminEmails = ["owner@example.org"]
        try await fixture.session(accountSettings: settings) { session in
            let config = try await session.anonymous.send(.get, "/auth/config").object()
            #expect(config["registration"] as? String == "closed")
            #expect(config["google"] as? Bool == false)
            let stranger = try await session.anonymous.send(.post, "/auth/register", json: #"{"email": "x@example.org", "password": "a long enough password"}"#)
            #expect(stranger.status == .forbidden)
            #expect(stranger.errorCode == "registration_closed")

            let owner = try await session.signUp("owner@example.org")
            #expect(try await owner.send(.get, "/api/me").object()["role"] as? String == "admin")
            let created = try await owner.send(.post, "/api/admin/users", json: #"{"email": "kid@example.org", "password": "a long enough password"}"#)
            #expect(created.status == .created)
            #expect(try created.object()["role"] as? String == "user")
            let kid = try await session.signIn("kid@example.org")
            #expect(try await kid.send(.get, "/api/me").status == .ok)
        }
    }

    @Test("an ADMIN_EMAILS address is admin even when it is not the first account")
    func adminEmails() async throws {
        let fixture = try await Self.fixture("admin-emails")
        var settings = TestServer.accountSettings()
        settings.adminEmails = ["boss@example.org"]
        try await fixture.session(accountSettings: settings) { session in
            _ = try await session.signUp("first@example.org")
            let second = try await session.signUp("plain@example.org")
            let boss = try await session.signUp("BOSS@example.org")
            #expect(try await second.send(.get, "/api/me").object()["role"] as? String == "user")
            #expect(try await boss.send(.get, "/api/me").object()["role"] as? String == "admin")
        }
    }

    @Test("admins promote, demote, disable and delete; the last admin stays; a disabled user's token stops at once")
    func administration() async throws {
        let fixture = try await Self.fixture("administration")
        try await fixture.session { session in
            let admin = try await session.signUp("ada@example.org")
            let bob = try await session.signUp("bob@example.org")
            let users = try await admin.send(.get, "/api/admin/users").items()
            #expect(users.map { $0["email"] as? String } == ["ada@example.org", "bob@example.org"])
            let adaID = try #require(users[0]["id"] as? String)
            let bobID = try #require(users[1]["id"] as? String)

            for change in [#"{"role": "user"}"#, #"{"disabled": true}"#] {
                let refused = try await admin.send(.patch, "/api/admin/users/\(adaID)", json: change)
                #expect(refused.status == .conflict, "\(change)")
                #expect(refused.text.contains("last active admin"))
            }
            #expect(try await admin.send(.delete, "/api/admin/users/\(adaID)").status == .conflict)
            #expect(try await admin.send(.patch, "/api/admin/users/\(bobID)", json: #"{"role": "owner"}"#).status == .badRequest)

            #expect(try await admin.send(.patch, "/api/admin/users/\(bobID)", json: #"{"role": "admin"}"#).object()["role"] as? String == "admin")
            #expect(try await bob.send(.get, "/api/admin/users").status == .ok, "bob is admin now")
            #expect(try await bob.send(.patch, "/api/admin/users/\(adaID)", json: #"{"role": "user"}"#).status == .ok, "ada may be demoted: bob is admin")
            #expect(try await admin.send(.get, "/api/admin/users").status == .forbidden, "ada is a user now")

            #expect(try await bob.send(.patch, "/api/admin/users/\(adaID)", json: #"{"disabled": true}"#).object()["disabled"] as? Bool == true)
            #expect(try await admin.send(.get, "/api/me").status == .unauthorized, "a disabled account's session ends at once")
            let disabledSignIn = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", "ada@example.org"), ("password", TestSession.password)])
            #expect(disabledSignIn.status == .badRequest)
            // Like a wrong password: saying "disabled" would confirm the password (issue 10).
            #expect(try disabledSignIn.object()["error_description"] as? String == "wrong email or password")

            #expect(try await bob.send(.delete, "/api/admin/users/\(adaID)").status == .noContent)
            #expect(try await bob.send(.delete, "/api/admin/users/\(adaID)").status == .notFound)
            #expect(try await bob.send(.get, "/api/admin/users").items().count == 1)
        }
    }

    @Test("no password, token or signing secret reaches the log, at any level")
    func secretsStayOutOfLogs() async throws {
        let captured = CapturedLog()
        let test = try TestHost(label: "log-secrets", logger: captured.logger("host"))
        try await test.addTrack("Artist/Album/01 - Song.mp3", tags: ["title": "Song"])
        await test.scan()
        let server = try await TestServer(host: test.host, logger: captured.logger("http"))
        let issued = Mutex<[String]>([])
        try await server.run { session in
            let first = try await session.anonymous.send(.post, "/auth/register", json: #"{"email": "ada@example.org", "password": "my secret words"}"#)
            let answer = try first.object()
            let access = answer["access_token"] as? String ?? ""
            issued.withLock { $0 += [access, answer["refresh_token"] as? String ?? ""] }
            _ = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", "ada@example.org"), ("password", "my wrong words")])
            let client = SignedInClient(base: session.anonymous, token: access)
            _ = try await client.send(.get, "/api/search?q=song")
            _ = try await client.send(.get, "/api/nothing")
        }
        let log = captured.text
        let tokens = issued.withLock { $0 }
        #expect(log.contains("failed sign-in"), "the log is really captured")
        let secret = try Data(contentsOf: test.data.jwtSecretFile)
        let encodings = [secret.base64EncodedString(), secret.map { String(format: "%02x", $0) }.joined()]
        for forbidden in ["my secret words", "my wrong words"] + encodings + tokens where !forbidden.isEmpty {
            #expect(!log.contains(forbidden), "the log contains a secret")
        }
    }
}

struct TestClaims: JWTPayload {
    var sub: String
    var sid: String
    var iat: Date
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

extension Data {
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
