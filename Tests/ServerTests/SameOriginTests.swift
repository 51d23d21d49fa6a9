import Foundation
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import TestSupport
import Testing

/// A browser's session cookie acts only for the server's own pages: a change carried by
/// the cookie from another origin's page (another port of the same host included) is
/// refused, and so is signing a browser in or out from one. Bearer clients are not judged.
/// The server is the real one on loopback; the browser headers are the ones Chromium sends.
@Suite("Same-origin rule for the session cookie")
struct SameOriginTests {
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let forwardedHost = HTTPField.Name("X-Forwarded-Host")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// A browser as the server sees it: the cookies sign-up set, sent back on request.
    struct CookieBrowser {
        let client: any TestClientProtocol
        let access: String
        let refresh: String
        /// The same account's bearer token, to look at the server as an API client would.
        let bearer: SignedInClient

        static func signUp(_ session: TestSession, _ email: String) async throws -> CookieBrowser {
            let answer = try await session.anonymous.send(
                .post, "/auth/register", json: #"{"email": "\#(email)", "password": "\#(TestSession.password)"}"#)
            #expect(answer.status == .created)
            let cookies = answer.headers[values: .setCookie].map { String($0.split(separator: ";")[0]) }
            return CookieBrowser(
                client: session.anonymous,
                access: try #require(cookies.first { $0.hasPrefix("myspotify_access=") }),
                refresh: try #require(cookies.first { $0.hasPrefix("myspotify_refresh=") }),
                bearer: SignedInClient(base: session.anonymous, token: try #require(try answer.object()["access_token"] as? String)))
        }

        /// A request with the access cookie (and the refresh cookie on /auth, as its path says).
        func send(_ method: HTTPRequest.Method, _ path: String, json: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
            var headers = headers
            headers[.cookie] = path.hasPrefix("/auth/") ? "\(access); \(refresh)" : access
            return try await client.send(method, path, json: json, headers: headers)
        }
    }

    static func newUser(_ email: String) -> String {
        #"{"email": "\#(email)", "password": "an intruder's password", "role": "admin"}"#
    }

    static func emails(_ admin: CookieBrowser) async throws -> [String] {
        try await admin.bearer.send(.get, "/api/admin/users").items().compactMap { $0["email"] as? String }
    }

    @Test("a change made with the session cookie from another origin's page is a 403 that changes nothing; from the server's own page, or with a bearer token from anywhere, it works")
    func cookieChangesNeedTheOwnOrigin() async throws {
        let fixture = try ServerFixture(label: "same-origin-cookie")
        try await fixture.session { session in
            let admin = try await CookieBrowser.signUp(session, "owner@example.org")
            let playlist = try await admin.bearer.send(.post, "/api/playlists", json: #"{"name": "Keep me"}"#).object()
            let playlistID = try #require(playlist["id"] as? String)

            // The test client reaches the server as http://localhost (its Host header).
            let foreign: [(HTTPFields, String)] = [
                ([.origin: "http://localhost:9999"], "a page on another port of the same host"),
                ([.origin: "http://127.0.0.1"], "another host name"),
                ([.origin: "https://localhost"], "another scheme"),
                ([.origin: "null"], "an opaque origin (sandboxed page, data: URL)"),
                ([.origin: "http://localhost.evil.example"], "a name that merely starts like ours"),
                ([Self.fetchSite: "same-site"], "Sec-Fetch-Site same-site (another port)"),
                ([Self.fetchSite: "cross-site"], "Sec-Fetch-Site cross-site"),
                ([Self.fetchSite: "none"], "Sec-Fetch-Site none: no page of ours"),
                ([Self.fetchSite: "same-site", .origin: "http://localhost"], "Sec-Fetch-Site decides when both are sent"),
                ([:], "neither header: no browser says where this comes from"),
            ]
            for (index, (headers, why)) in foreign.enumerated() {
                let created = try await admin.send(.post, "/api/admin/users", json: Self.newUser("intruder\(index)@example.org"), headers: headers)
                #expect(created.status == .forbidden, "\(why): \(created.status) \(created.text)")
                #expect(created.errorCode == "cross_origin_refused", "\(why)")
                #expect(!created.errorMessage.isEmpty)
                let deleted = try await admin.send(.delete, "/api/playlists/\(playlistID)", headers: headers)
                #expect(deleted.status == .forbidden, "\(why)")
                let renamed = try await admin.send(.patch, "/api/playlists/\(playlistID)", json: #"{"name": "Taken"}"#, headers: headers)
                #expect(renamed.status == .forbidden, "\(why)")
            }
            #expect(try await Self.emails(admin) == ["owner@example.org"], "no account was created")
            let kept = try await admin.bearer.send(.get, "/api/playlists/\(playlistID)")
            #expect(kept.status == .ok)
            #expect(try kept.object()["name"] as? String == "Keep me")

            // Reading is not changing: a shared link opened from another site, <img>, <audio>.
            #expect(try await admin.send(.get, "/api/me", headers: [.origin: "http://localhost:9999", Self.fetchSite: "cross-site"]).status == .ok)

            // The web app's own requests.
            let own: [(HTTPFields, String)] = [
                ([Self.fetchSite: "same-origin"], "Sec-Fetch-Site same-origin"),
                ([.origin: "http://localhost"], "Origin of the address the request was sent to"),
                ([.origin: "HTTP://LocalHost:80"], "the same origin spelled otherwise"),
                ([Self.fetchSite: "same-origin", .origin: "http://localhost"], "both"),
            ]
            for (index, (headers, why)) in own.enumerated() {
                let created = try await admin.send(.post, "/api/admin/users", json: Self.newUser("member\(index)@example.org"), headers: headers)
                #expect(created.status == .created, "\(why): \(created.status) \(created.text)")
            }

            // A bearer token is not ambient: no page can send it without a CORS preflight.
            let bearer = try await admin.bearer.send(
                .post, "/api/admin/users", json: Self.newUser("app@example.org"),
                headers: [.origin: "http://localhost:9999", Self.fetchSite: "cross-site"])
            #expect(bearer.status == .created, "\(bearer.text)")
            #expect(try await admin.bearer.send(.delete, "/api/playlists/\(playlistID)", headers: [.origin: "null"]).status == .noContent)
        }
    }

    @Test("behind a trusted proxy, the page's origin is the forwarded scheme and host; without trust the forwarded headers are not believed")
    func trustedProxy() async throws {
        let fixture = try ServerFixture(label: "same-origin-proxy")
        let proxied: HTTPFields = [Self.forwardedHost: "music.example.test", Self.forwardedProto: "https"]
        var trusting = ServerSettings()
        trusting.trustProxy = true
        try await fixture.session(settings: trusting) { session in
            let admin = try await CookieBrowser.signUp(session, "owner@example.org")
            var headers = proxied
            headers[.origin] = "https://music.example.test"
            let created = try await admin.send(.post, "/api/admin/users", json: Self.newUser("a@example.org"), headers: headers)
            #expect(created.status == .created, "\(created.text)")
            for page in ["http://music.example.test", "https://music.example.test:8443", "http://localhost", "https://evil.example.test"] {
                headers[.origin] = page
                let refused = try await admin.send(.post, "/api/admin/users", json: Self.newUser("b@example.org"), headers: headers)
                #expect(refused.status == .forbidden, "\(page): \(refused.status)")
                #expect(refused.errorCode == "cross_origin_refused")
            }
            #expect(try await Self.emails(admin).sorted() == ["a@example.org", "owner@example.org"])
        }
        try await ServerFixture(label: "same-origin-untrusted").session { session in
            let admin = try await CookieBrowser.signUp(session, "owner@example.org")
            var headers = proxied
            headers[.origin] = "https://music.example.test"
            let refused = try await admin.send(.post, "/api/admin/users", json: Self.newUser("a@example.org"), headers: headers)
            #expect(refused.status == .forbidden, "a page cannot name its own origin through X-Forwarded-Host when the proxy is not trusted")
            #expect(try await Self.emails(admin) == ["owner@example.org"])
        }
    }

    @Test("with a public URL, its pages may make changes, and so may pages at the address the request was sent to; no other")
    func publicURL() async throws {
        let fixture = try ServerFixture(label: "same-origin-public")
        var settings = ServerSettings()
        settings.publicURL = URL(string: "https://music.example.test/")
        try await fixture.session(settings: settings) { session in
            let admin = try await CookieBrowser.signUp(session, "owner@example.org")
            let allowed = ["https://music.example.test", "https://Music.Example.Test:443", "http://localhost"]
            for (index, page) in allowed.enumerated() {
                let created = try await admin.send(.post, "/api/admin/users", json: Self.newUser("ok\(index)@example.org"), headers: [.origin: page])
                #expect(created.status == .created, "\(page): \(created.text)")
            }
            for page in ["http://music.example.test", "https://music.example.test:8443", "https://other.example.test"] {
                let refused = try await admin.send(.post, "/api/admin/users", json: Self.newUser("no@example.org"), headers: [.origin: page])
                #expect(refused.status == .forbidden, "\(page): \(refused.status)")
            }
            #expect(try await Self.emails(admin).count == 1 + allowed.count)
        }
    }

    @Test("signing up, in, refreshing and out from another origin's page is refused and changes nothing (login CSRF); curl and apps, which send neither header, still can")
    func signInFromForeignPages() async throws {
        let fixture = try ServerFixture(label: "same-origin-sign-in")
        try await fixture.session { session in
            let credentials = #"{"email": "ada@example.org", "password": "\#(TestSession.password)"}"#
            let password: [(String, String)] = [("grant_type", "password"), ("username", "ada@example.org"), ("password", TestSession.password)]
            let foreign: [HTTPFields] = [
                [.origin: "http://localhost:9999"], [.origin: "null"], [Self.fetchSite: "same-site"], [Self.fetchSite: "cross-site"],
            ]

            for headers in foreign {
                let register = try await session.anonymous.send(.post, "/auth/register", json: credentials, headers: headers)
                #expect(register.status == .forbidden, "\(headers)")
                #expect(register.errorCode == "cross_origin_refused")
                #expect(register.headers[values: .setCookie].isEmpty)
            }
            let unknown = try await session.anonymous.postForm("/auth/token", password)
            #expect(try unknown.object()["error"] as? String == "invalid_grant", "no account was created")

            // No header (curl, an app), the person's own navigation, or the server's own page.
            let accepted: [HTTPFields] = [[:], [Self.fetchSite: "none"], [Self.fetchSite: "same-origin"], [.origin: "http://localhost"]]
            #expect(try await session.anonymous.send(.post, "/auth/register", json: credentials).status == .created)
            for headers in accepted {
                let token = try await session.anonymous.postForm("/auth/token", password, headers: headers)
                #expect(token.status == .ok, "\(headers): \(token.text)")
            }

            let browser = try await CookieBrowser.signUp(session, "bob@example.org")
            for headers in foreign {
                // The answer keeps the OAuth2 shape of /auth/token.
                let token = try await session.anonymous.postForm("/auth/token", password, headers: headers)
                #expect(token.status == .forbidden, "\(headers)")
                #expect(try token.object()["error"] as? String == "cross_origin_refused")
                #expect(token.headers[values: .setCookie].isEmpty, "the browser is not signed in as ada")

                var withCookies = headers
                withCookies[.cookie] = "\(browser.access); \(browser.refresh)"
                let refresh = try await session.anonymous.postForm("/auth/token", [("grant_type", "refresh_token")], headers: withCookies)
                #expect(refresh.status == .forbidden, "\(headers)")
                let logout = try await browser.send(.post, "/auth/logout", headers: headers)
                #expect(logout.status == .forbidden, "\(headers)")
                #expect(logout.headers[values: .setCookie].isEmpty, "the cookies are not cleared")
            }
            // The session was neither rotated nor ended by the refused requests.
            #expect(try await browser.send(.get, "/api/me").status == .ok)
            let refresh = try await session.anonymous.postForm(
                "/auth/token", [("grant_type", "refresh_token")], headers: [.cookie: browser.refresh, Self.fetchSite: "same-origin"])
            #expect(refresh.status == .ok, "the refresh token was not used up: \(refresh.text)")
            #expect(try await browser.send(.post, "/auth/logout", headers: [.origin: "http://localhost"]).status == .noContent)
        }
    }
}
