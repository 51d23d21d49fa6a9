import Foundation
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// Google sign-in end to end against a local issuer that speaks OpenID Connect: the
/// server's redirect, the issuer's consent (approved at once), the callback, the code
/// exchange with PKCE, and the ID token's checks.
@Suite("Google sign-in")
struct GoogleSignInTests {
    struct Landing {
        var location: String
        var cookies: [String]

        var accessCookie: String? {
            cookies.first { $0.hasPrefix("myspotify_access=") }.map { String($0.split(separator: ";")[0]) }
        }

        var authError: String? {
            URLComponents(string: location)?.queryItems?.first { $0.name == "auth_error" }?.value
        }
    }

    static func settings(_ issuer: FakeOpenIDIssuer) -> ServerSettings {
        var settings = ServerSettings()
        settings.google = OpenIDSettings(clientID: issuer.clientID, clientSecret: issuer.clientSecret, discoveryURL: issuer.discoveryURL)
        return settings
    }

    /// Plays the browser: start, follow the issuer's redirect, come back to the callback
    /// with the cookie the start set. Returns where the server sends the browser at the
    /// end and the cookies it set, and the callback request (path and cookie).
    static func signIn(_ client: any TestClientProtocol, issuer: FakeOpenIDIssuer, redirect: String = "/") async throws -> (Landing, callback: String, cookie: String?) {
        let (path, cookie) = try await leaveForIssuer(client, issuer: issuer, redirect: redirect)
        return (try await land(client, path, cookie: cookie), path, cookie)
    }

    /// The first half: start, and the issuer's approval. Returns the callback path the
    /// issuer sends the browser to, and the cookie the start set.
    static func leaveForIssuer(_ client: any TestClientProtocol, issuer: FakeOpenIDIssuer, redirect: String = "/") async throws -> (callback: String, cookie: String?) {
        let start = try await client.send(.get, "/auth/google/start?redirect=\(redirect.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
        #expect(start.status == .found)
        let cookie = start.headers[values: .setCookie].first.map { String($0.split(separator: ";")[0]) }
        let authorize = try #require(start.headers[.location].flatMap { URLComponents(string: $0) })
        let query = Dictionary(uniqueKeysWithValues: (authorize.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["code_challenge"]?.count == 43, "a base64url SHA-256")
        #expect(query["response_type"] == "code")
        #expect(query["scope"]?.contains("openid") == true)
        #expect(query["redirect_uri"] == "http://localhost/auth/google/callback")
        #expect((query["state"]?.count ?? 0) >= 32 && (query["nonce"]?.count ?? 0) >= 32)

        // The issuer approves at once and redirects back with a code and the state.
        let back = try await issuer.approve(try #require(authorize.url).absoluteString)
        let callback = try #require(URLComponents(string: back))
        return (callback.path + "?" + (callback.percentEncodedQuery ?? ""), cookie)
    }

    static func land(_ client: any TestClientProtocol, _ path: String, cookie: String? = nil) async throws -> Landing {
        let answer = try await client.send(.get, path, headers: cookie.map { [.cookie: $0] } ?? [:])
        #expect(answer.status == .found)
        return Landing(location: answer.headers[.location] ?? "", cookies: answer.headers[values: .setCookie])
    }

    static func fixture(_ label: String) async throws -> ServerFixture {
        try ServerFixture(label: label)
    }

    @Test("a verified Google account signs up, gets the browser cookies and lands on the page it started from")
    func signUpWithGoogle() async throws {
        let issuer = try await FakeOpenIDIssuer.start(person: .init(subject: "google-ada", email: "Ada@Gmail.test"))
        defer { issuer.stop() }
        let fixture = try await Self.fixture("google-new")
        try await fixture.session(settings: Self.settings(issuer)) { session in
            #expect(try await session.anonymous.send(.get, "/auth/config").object()["google"] as? Bool == true)
            let (landing, _, _) = try await Self.signIn(session.anonymous, issuer: issuer, redirect: "/playlists?tab=mine")
            #expect(landing.location == "/playlists?tab=mine")
            let cookie = try #require(landing.accessCookie)
            let me = try await session.anonymous.send(.get, "/api/me", headers: [.cookie: cookie]).object()
            #expect(me["email"] as? String == "ada@gmail.test")
            #expect(me["google_linked"] as? Bool == true)
            #expect(me["has_password"] as? Bool == false)
            #expect(me["role"] as? String == "admin", "the first account")
            let password = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", "ada@gmail.test"), ("password", "")])
            #expect(password.status == .badRequest, "a Google-only account has no password to guess")

            // Signing in again finds the same account by its Google subject.
            let (again, _, _) = try await Self.signIn(session.anonymous, issuer: issuer)
            let meAgain = try await session.anonymous.send(.get, "/api/me", headers: [.cookie: try #require(again.accessCookie)]).object()
            #expect(meAgain["id"] as? String == me["id"] as? String)
        }
    }

    @Test("a Google account with the email of an existing account is linked to it")
    func linksExistingAccount() async throws {
        let issuer = try await FakeOpenIDIssuer.start(person: .init(subject: "google-bob", email: "bob@example.org"))
        defer { issuer.stop() }
        let fixture = try await Self.fixture("google-link")
        try await fixture.session(settings: Self.settings(issuer)) { session in
            _ = try await session.signUp("owner@example.org")
            let bob = try await session.signUp("bob@example.org")
            let bobID = try await bob.send(.get, "/api/me").object()["id"] as? String
            let (landing, _, _) = try await Self.signIn(session.anonymous, issuer: issuer)
            let me = try await session.anonymous.send(.get, "/api/me", headers: [.cookie: try #require(landing.accessCookie)]).object()
            #expect(me["id"] as? String == bobID)
            #expect(me["google_linked"] as? Bool == true)
            #expect(me["has_password"] as? Bool == true)
            #expect(me["role"] as? String == "user")
        }
    }

    @Test("refused with a message and no cookie: unverified email, replayed state, wrong nonce, unknown key, wrong audience, closed registration")
    func refusals() async throws {
        let issuer = try await FakeOpenIDIssuer.start(person: .init(subject: "google-eve", email: "eve@example.org", emailVerified: false))
        defer { issuer.stop() }
        let fixture = try await Self.fixture("google-refusals")
        var closed = TestServer.accountSettings()
        closed.registration = .closed
        try await fixture.session(settings: Self.settings(issuer), accountSettings: closed) { session in
            let cases: [(FakeOpenIDIssuer.Fault, Bool, String)] = [
                (.none, false, "no verified email"),
                (.wrongNonce, true, "nonce mismatch"),
                (.foreignKey, true, "did not verify"),
                (.wrongAudience, true, "another application"),
                (.none, true, "registration is closed"),
            ]
            for (fault, verified, message) in cases {
                issuer.signIn(as: .init(subject: "google-eve", email: "eve@example.org", emailVerified: verified), fault: fault)
                let (landing, callback, cookie) = try await Self.signIn(session.anonymous, issuer: issuer)
                #expect(landing.accessCookie == nil, "\(fault)")
                #expect(landing.location.hasPrefix("/?auth_error="), "\(landing.location)")
                #expect(landing.authError?.contains(message) == true, "\(landing.authError ?? "") should say \(message)")
                // A callback is good once: its state is spent.
                let replay = try await Self.land(session.anonymous, callback, cookie: cookie)
                #expect(replay.accessCookie == nil)
                #expect(replay.authError?.contains("unknown, used or expired") == true, "\(replay.authError ?? "")")
            }
            let cancelled = try await Self.land(session.anonymous, "/auth/google/callback?error=access_denied&state=x")
            #expect(cancelled.authError?.contains("cancelled") == true)
            #expect(try await session.anonymous.send(.get, "/api/admin/users").status == .unauthorized)
        }
    }

    @Test("a callback link opened in another browser than the one that started the sign-in signs nobody in (login CSRF); the starting browser still can")
    func callbackBelongsToItsBrowser() async throws {
        let issuer = try await FakeOpenIDIssuer.start(person: .init(subject: "google-mallory", email: "mallory@example.org"))
        defer { issuer.stop() }
        let fixture = try await Self.fixture("google-login-csrf")
        try await fixture.session(settings: Self.settings(issuer)) { session in
            // Mallory signs in with her own Google account but stops before the callback,
            // and has her victim's browser open that link (a link, an image, a redirect).
            let (callback, cookie) = try await Self.leaveForIssuer(session.anonymous, issuer: issuer)
            for victim in [nil, "myspotify_google_state=another-attempt"] {
                let landing = try await Self.land(session.anonymous, callback, cookie: victim)
                #expect(landing.accessCookie == nil, "the victim's browser is not signed in as Mallory")
                #expect(landing.authError?.contains("not started in this browser") == true, "\(landing.authError ?? "")")
            }
            // The refusals did not spend the attempt: Mallory's own browser completes it.
            let start = try #require(cookie)
            #expect(start.hasPrefix("myspotify_google_state="))
            let own = try await Self.land(session.anonymous, callback, cookie: start)
            #expect(own.accessCookie != nil)
            #expect(own.cookies.contains { $0.hasPrefix("myspotify_google_state=;") && $0.contains("Max-Age=0") }, "\(own.cookies)")
        }
    }

    @Test("the page to return to is only ever a path on this server")
    func noOpenRedirect() async throws {
        let issuer = try await FakeOpenIDIssuer.start(person: .init(subject: "google-ada", email: "ada@example.org"))
        defer { issuer.stop() }
        let fixture = try await Self.fixture("google-redirect")
        try await fixture.session(settings: Self.settings(issuer)) { session in
            for target in ["https://evil.example/", "//evil.example/x", "/\\evil.example"] {
                let (landing, _, _) = try await Self.signIn(session.anonymous, issuer: issuer, redirect: target)
                #expect(landing.location == "/", "\(target) → \(landing.location)")
                #expect(landing.accessCookie != nil)
            }
        }
    }
}
