import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTypes
@testable import Host
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Synchronization
import TestSupport
import Testing

/// Signing in from a phone or desktop app: the user name, the app password (as `p` and as a
/// token), the account's own password (bcrypt once, then remembered), API keys, every
/// refusal's code, the shared sign-in limits, and what never reaches a log or the disk in
/// plain text. Through the real server behind a trusted proxy, so each call can come from
/// the address its `X-Real-IP` names.
@Suite("Subsonic: signing in from an app")
struct AppSignInTests {
    static let email = "ada@example.org"

    /// A live server whose first account (the admin) is `owner@example.org`, and Ada.
    struct World: Sendable {
        let test: TestHost
        let server: TestServer
        let session: TestSession
        let owner: SignedInClient
        let ada: SignedInClient

        func app(_ credentials: [(String, String)], from address: String = "192.0.2.1") -> SubsonicTestClient {
            SubsonicTestClient(client: session.anonymous, credentials: credentials, headers: [HTTPField.Name("X-Real-IP")!: address])
        }

        /// `GET /api/me/subsonic` of `client` (Ada's by default).
        func credentials(_ client: SignedInClient? = nil) async throws -> [String: Any] {
            let answer = try await (client ?? ada).send(.get, "/api/me/subsonic")
            #expect(answer.status == .ok)
            return try answer.object()
        }

        /// `POST /api/me/subsonic`: new app password and API key.
        func rotate(_ client: SignedInClient? = nil) async throws -> (password: String, apiKey: String) {
            let answer = try await (client ?? ada).send(.post, "/api/me/subsonic")
            #expect(answer.status == .ok)
            let object = try answer.object()
            return (try #require(object["app_password"] as? String), try #require(object["api_key"] as? String))
        }
    }

    static func withWorld(
        _ label: String, accountSettings: AccountSettings = TestServer.accountSettings(), logger: CapturedLog? = nil,
        _ body: @Sendable (World) async throws -> Void
    ) async throws {
        let test = try TestHost(label: label, logger: logger?.logger("host"))
        var settings = ServerSettings()
        settings.trustProxy = true
        let server = try await TestServer(host: test.host, accountSettings: accountSettings, settings: settings, logger: logger?.logger("http"))
        try await server.run { session in
            let owner = try await session.signUp("owner@example.org")
            let ada = try await session.signUp(Self.email)
            try await body(World(test: test, server: server, session: session, owner: owner, ada: ada))
        }
    }

    /// `t`: the lower-case hex md5 of the password and the salt.
    static func token(_ password: String, salt: String) -> String {
        Insecure.MD5.hash(data: Data((password + salt).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func enc(_ password: String, upper: Bool) -> String {
        "enc:" + Data(password.utf8).map { String(format: upper ? "%02X" : "%02x", $0) }.joined()
    }

    static func error(of response: [String: Any]) -> (code: Int?, message: String) {
        let error = response["error"] as? [String: Any]
        return (error?["code"] as? Int, error?["message"] as? String ?? "")
    }

    // MARK: Every mechanism

    @Test("the app password as p (plain, enc: in either case) and as a token (any salt, a reused one too), the account's password as p, an API key alone; by user name in any case, or by email")
    func everyMechanism() async throws {
        try await Self.withWorld("app-sign-in-mechanisms") { world in
            let before = try await world.credentials()
            #expect(before["username"] as? String == "ada")
            #expect((before["server_url"] as? String)?.hasPrefix("http://") == true)
            #expect(before["app_password"] == nil && before["api_key"] == nil, "none until made")

            let (password, apiKey) = try await world.rotate()
            #expect(password.wholeMatch(of: /[a-hj-km-np-z2-9]{5}(-[a-hj-km-np-z2-9]{5}){3}/) != nil, "readable: \(password)")
            #expect(apiKey.wholeMatch(of: /[A-Za-z0-9_-]{43}/) != nil)
            let after = try await world.credentials()
            #expect(after["app_password"] as? String == password && after["api_key"] as? String == apiKey, "read back as made")

            let salt = "c19b2d"
            let working: [[(String, String)]] = [
                [("u", "ada"), ("p", password)],
                [("u", "Ada"), ("p", password)],
                [("u", Self.email), ("p", password)],
                [("u", "ADA@example.org"), ("p", password)],
                [("u", "ada"), ("p", Self.enc(password, upper: true))],
                [("u", "ada"), ("p", Self.enc(password, upper: false))],
                [("u", "ada"), ("t", Self.token(password, salt: salt)), ("s", salt)],
                [("u", "ada"), ("t", Self.token(password, salt: salt)), ("s", salt)],  // the same salt again
                [("u", Self.email), ("t", Self.token(password, salt: "another-salt-Ünï")), ("s", "another-salt-Ünï")],
                [("u", "ada"), ("t", Self.token(password, salt: "")), ("s", "")],
                [("u", "ada"), ("p", TestSession.password)],
                [("u", Self.email), ("p", Self.enc(TestSession.password, upper: true))],
                [("apiKey", apiKey)],
            ]
            for credentials in working {
                let response = try await world.app(credentials).call("ping")
                #expect(response["status"] as? String == "ok", "\(credentials.map(\.0)): \(Self.error(of: response))")
                let posted = try await world.app(credentials).call("ping.view", post: true)
                #expect(posted["status"] as? String == "ok", "by form POST too")
            }
            #expect(try await world.server.accounts.apps.signIn(apiKey: apiKey, address: "192.0.2.1").email == Self.email)
        }
    }

    @Test("every refusal has the protocol's code: 10 missing, 40 wrong, 41 no app password, 43 conflicting, 44 invalid API key")
    func errorCodes() async throws {
        try await Self.withWorld("app-sign-in-codes") { world in
            let salt = "s4lt"
            // Before any app password: nothing to check a token against, for Ada as for
            // a name that is no account (the two are not told apart).
            for name in ["ada", "nobody", "nobody@example.org"] {
                let response = try await world.app([("u", name), ("t", Self.token("guess", salt: salt)), ("s", salt)]).call("ping")
                #expect(Self.error(of: response).code == 41, "\(name)")
                #expect(Self.error(of: response).message.contains("app password"))
            }
            let (password, apiKey) = try await world.rotate()
            let cases: [(credentials: [(String, String)], code: Int)] = [
                ([], 10),
                ([("u", "ada")], 10),
                ([("p", password)], 10),
                ([("u", "ada"), ("t", Self.token(password, salt: salt))], 10),
                ([("u", "ada"), ("p", "")], 10),
                ([("u", "ada"), ("p", "not the password")], 40),
                ([("u", "ada"), ("p", "enc:zz")], 40),
                ([("u", "ada"), ("p", password.uppercased())], 40),
                ([("u", "nobody"), ("p", password)], 40),
                ([("u", "ada"), ("t", Self.token("not the password", salt: salt)), ("s", salt)], 40),
                ([("u", "ada"), ("t", Self.token(password, salt: salt)), ("s", salt + "x")], 40),
                ([("u", "ada"), ("t", "short"), ("s", salt)], 40),
                ([("apiKey", apiKey), ("u", "ada")], 43),
                ([("apiKey", apiKey), ("p", password)], 43),
                ([("apiKey", apiKey), ("t", Self.token(password, salt: salt)), ("s", salt)], 43),
                ([("u", "ada"), ("p", password), ("t", Self.token(password, salt: salt)), ("s", salt)], 43),
                ([("apiKey", apiKey + "x")], 44),
                ([("apiKey", String(repeating: "k", count: 5000))], 44),
            ]
            // From addresses of their own, so the count of failures stops none of them.
            for (index, item) in cases.enumerated() {
                let response = try await world.app(item.credentials, from: "198.51.100.\(index + 1)").call("ping")
                #expect(response["status"] as? String == "failed")
                #expect(Self.error(of: response).code == item.code, "\(item.credentials.map(\.0)): \(Self.error(of: response))")
            }
            let extensions = try await world.app([]).ok("getOpenSubsonicExtensions")
            let names = (extensions["openSubsonicExtensions"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("apiKeyAuthentication"))
        }
    }

    // MARK: Rotation and revocation

    @Test("POST makes new ones and the old ones stop at once; DELETE removes both (204); the answers are not cached")
    func rotateAndRevoke() async throws {
        try await Self.withWorld("app-sign-in-rotate") { world in
            let (old, oldKey) = try await world.rotate()
            let salt = "same-salt"
            let oldToken = [("u", "ada"), ("t", Self.token(old, salt: salt)), ("s", salt)]
            _ = try await world.app([("u", "ada"), ("p", old)]).ok("ping")
            _ = try await world.app(oldToken).ok("ping")
            _ = try await world.app([("apiKey", oldKey)]).ok("ping")

            let (new, newKey) = try await world.rotate()
            #expect(new != old && newKey != oldKey)
            #expect(try await world.app([("u", "ada"), ("p", old)], from: "198.51.100.1").errorCode("ping") == 40)
            #expect(try await world.app(oldToken, from: "198.51.100.2").errorCode("ping") == 40)
            #expect(try await world.app([("apiKey", oldKey)], from: "198.51.100.3").errorCode("ping") == 44)
            _ = try await world.app([("u", "ada"), ("p", new)]).ok("ping")
            _ = try await world.app([("u", "ada"), ("t", Self.token(new, salt: salt)), ("s", salt)]).ok("ping")
            _ = try await world.app([("apiKey", newKey)]).ok("ping")

            let get = try await world.ada.send(.get, "/api/me/subsonic")
            #expect(get.headers[.cacheControl] == "no-store")
            #expect(try await world.ada.send(.post, "/api/me/subsonic").headers[.cacheControl] == "no-store")
            let (latest, latestKey) = try await world.rotate()

            let revoked = try await world.ada.send(.delete, "/api/me/subsonic")
            #expect(revoked.status == .noContent)
            let after = try await world.credentials()
            #expect(after["username"] as? String == "ada")
            #expect(after["app_password"] == nil && after["api_key"] == nil)
            #expect(try await world.app([("u", "ada"), ("p", latest)], from: "198.51.100.4").errorCode("ping") == 40)
            #expect(try await world.app([("u", "ada"), ("t", Self.token(latest, salt: salt)), ("s", salt)]).errorCode("ping") == 41)
            #expect(try await world.app([("apiKey", latestKey)]).errorCode("ping") == 44)
            _ = try await world.app([("u", "ada"), ("p", TestSession.password)]).ok("ping")
            #expect(try await world.ada.send(.delete, "/api/me/subsonic").status == .noContent, "revoking nothing is fine")
        }
    }

    // MARK: The account's password

    @Test("the account's password: many requests at once run bcrypt once; a password change, a rotation, a disabled account end what was remembered at once")
    func accountPasswordMemo() async throws {
        // A real cost, so the parallel requests certainly arrive while the first check runs.
        var accountSettings = TestServer.accountSettings()
        accountSettings.bcryptCost = 10
        try await Self.withWorld("app-sign-in-memo", accountSettings: accountSettings) { world in
            let checks = world.server.accounts.hasher.verifying
            let port = try #require(world.session.anonymous.port)
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            func burst(_ password: String, count: Int) async throws -> [String] {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<count {
                        group.addTask {
                            let query = "u=ada&p=\(SubsonicTestClient.encode(password))&v=1.16.1&c=burst\(index)&f=json"
                            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/rest/ping?\(query)")
                            request.headers.add(name: "X-Real-IP", value: "192.0.2.50")
                            let response = try await http.execute(request, timeout: .seconds(60))
                            let body = try await response.body.collect(upTo: 64 * 1024)
                            return String(buffer: body)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            do {
                let start = checks.completed
                let answers = try await burst(TestSession.password, count: 16)
                #expect(answers.allSatisfy { $0.contains(#""status":"ok""#) }, "\(answers.first ?? "")")
                #expect(checks.completed - start == 1, "16 requests at once, one bcrypt check")
                _ = try await burst(TestSession.password, count: 8)
                #expect(checks.completed - start == 1, "and none for the requests after it")

                // A new password: the old one fails at once, remembered or not.
                let change = try await world.ada.send(
                    .post, "/api/me/password", json: #"{"current_password": "\#(TestSession.password)", "new_password": "a brand new password"}"#)
                #expect(change.status == .noContent)
                let old = try await world.app([("u", "ada"), ("p", TestSession.password)], from: "198.51.100.9").call("ping")
                #expect(Self.error(of: old).code == 40, "the old password is refused at once")
                let afterChange = checks.completed
                _ = try await world.app([("u", "ada"), ("p", "a brand new password")]).ok("ping")
                _ = try await world.app([("u", "ada"), ("p", "a brand new password")]).ok("ping")
                #expect(checks.completed - afterChange == 1, "the new one is checked once")

                // A rotation of the app credentials makes the next one check again.
                _ = try await world.rotate()
                let afterRotation = checks.completed
                _ = try await world.app([("u", "ada"), ("p", "a brand new password")]).ok("ping")
                #expect(checks.completed - afterRotation == 1)

                // Disabled: refused at once though remembered, after the same bcrypt work as a
                // wrong password; enabled again, it works.
                let adaID = try #require(try await world.ada.send(.get, "/api/me").object()["id"] as? String)
                #expect(try await world.owner.send(.patch, "/api/admin/users/\(adaID)", json: #"{"disabled": true}"#).status == .ok)
                let beforeDisabled = checks.completed
                #expect(try await world.app([("u", "ada"), ("p", "a brand new password")], from: "198.51.100.10").errorCode("ping") == 40)
                #expect(checks.completed - beforeDisabled == 1, "a disabled account pays bcrypt like a wrong password")
                #expect(try await world.owner.send(.patch, "/api/admin/users/\(adaID)", json: #"{"disabled": false}"#).status == .ok)
                _ = try await world.app([("u", "ada"), ("p", "a brand new password")]).ok("ping")
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    @Test("the memo is bounded: past its size the oldest entry goes, and an entry lives no longer than its lifetime")
    func memoBounds() async throws {
        // The size bound under a lifetime no test run outlasts, the lifetime on a memo of its
        // own: a loaded machine can stretch a few awaits past a short lifetime.
        let longLived = PasswordMemo(limits: .init(entries: 3, lifetime: .seconds(3_600)))
        let memo = longLived
        let shortLived = PasswordMemo(limits: .init(entries: 3, lifetime: .milliseconds(300)))
        let checks = Counter()
        func verify(_ user: String, in memo: PasswordMemo? = nil) async throws -> Bool {
            try await (memo ?? longLived).verify("password", basis: .init(userID: user, passwordHash: "hash", generation: 0)) {
                checks.add()
                return true
            }
        }
        for user in ["a", "b", "c", "d"] { #expect(try await verify(user)) }
        #expect(memo.count == 3)
        #expect(checks.value == 4)
        _ = try await verify("d")
        #expect(checks.value == 4, "d is remembered")
        _ = try await verify("a")
        #expect(checks.value == 5, "a, the oldest, was dropped for d")
        _ = try await verify("d", in: shortLived)
        #expect(checks.value == 6)
        try await Task.sleep(for: .milliseconds(400))
        _ = try await verify("d", in: shortLived)
        #expect(checks.value == 7, "d outlived its lifetime")
        // Another hash or generation (a new password, a rotation): checked again.
        _ = try await memo.verify("password", basis: .init(userID: "d", passwordHash: "new hash", generation: 0)) { checks.add(); return true }
        _ = try await memo.verify("password", basis: .init(userID: "d", passwordHash: "new hash", generation: 1)) { checks.add(); return true }
        #expect(checks.value == 9)
        // A wrong password is never remembered.
        for _ in 0..<2 {
            #expect(try await memo.verify("wrong", basis: .init(userID: "e", passwordHash: "hash", generation: 0)) { checks.add(); return false } == false)
        }
        #expect(checks.value == 11)
    }

    // MARK: Disabled accounts and the limits

    @Test("a disabled account is refused at once by every mechanism, and works again when enabled")
    func disabledAccount() async throws {
        try await Self.withWorld("app-sign-in-disabled") { world in
            let (password, apiKey) = try await world.rotate()
            let salt = "s"
            let mechanisms: [(credentials: [(String, String)], refused: Int)] = [
                ([("u", "ada"), ("p", password)], 40),
                ([("u", "ada"), ("p", TestSession.password)], 40),
                ([("u", "ada"), ("t", Self.token(password, salt: salt)), ("s", salt)], 40),
                ([("apiKey", apiKey)], 44),
            ]
            for item in mechanisms { _ = try await world.app(item.credentials).ok("ping") }
            // Each app sign-in's account is remembered (by name and by key): the next ones read nothing.
            let appAccounts = world.test.host.catalog.appAccounts
            #expect(appAccounts.count == 2)
            let adaID = try #require(try await world.ada.send(.get, "/api/me").object()["id"] as? String)
            #expect(try await world.owner.send(.patch, "/api/admin/users/\(adaID)", json: #"{"disabled": true}"#).status == .ok)
            #expect(appAccounts.count == 0, "disabling empties what was remembered before the answer")
            for (index, item) in mechanisms.enumerated() {
                let response = try await world.app(item.credentials, from: "198.51.100.\(index + 1)").call("ping")
                #expect(Self.error(of: response).code == item.refused, "\(item.credentials.map(\.0)) of a disabled account")
                #expect(!Self.error(of: response).message.localizedCaseInsensitiveContains("disabled"), "said like a wrong password")
            }
            #expect(try await world.owner.send(.patch, "/api/admin/users/\(adaID)", json: #"{"disabled": false}"#).status == .ok)
            for item in mechanisms { _ = try await world.app(item.credentials).ok("ping") }

            // Deleted: every mechanism stops, and the name is no account any more.
            #expect(try await world.owner.send(.delete, "/api/admin/users/\(adaID)").status == .noContent)
            for (index, item) in mechanisms.enumerated() {
                let response = try await world.app(item.credentials, from: "198.51.100.\(index + 11)").call("ping")
                let expected = item.credentials.contains { $0.0 == "t" } ? 41 : item.refused
                #expect(Self.error(of: response).code == expected, "\(item.credentials.map(\.0)) of a deleted account")
            }
        }
    }

    @Test("failures count with /auth/token's, per account and address: the sixth try from an address is refused even when right, another address gets in")
    func sharedLimits() async throws {
        try await Self.withWorld("app-sign-in-limits") { world in
            let (password, apiKey) = try await world.rotate()
            let guesser = "203.0.113.7"
            let salt = "s4lt"
            #expect(try await world.app([("u", "ada"), ("p", "guess one")], from: guesser).errorCode("ping") == 40)
            #expect(try await world.app([("u", Self.email), ("p", "guess two")], from: guesser).errorCode("ping") == 40)
            #expect(try await world.app([("u", "ada"), ("t", Self.token("guess three", salt: salt)), ("s", salt)], from: guesser).errorCode("ping") == 40)
            #expect(try await world.app([("u", "ADA"), ("p", Self.enc("guess four", upper: true))], from: guesser).errorCode("ping") == 40)
            let web = try await world.session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", Self.email), ("password", "guess five")],
                headers: [HTTPField.Name("X-Real-IP")!: guesser])
            #expect(web.status == .badRequest)

            for credentials in [[("u", "ada"), ("p", password)], [("u", "ada"), ("p", TestSession.password)],
                                [("u", "ada"), ("t", Self.token(password, salt: salt)), ("s", salt)], [("apiKey", apiKey)]]
            {
                let refused = try await world.app(credentials, from: guesser).call("ping")
                #expect(Self.error(of: refused).code == 40, "\(credentials.map(\.0)) from the locked address")
                #expect(Self.error(of: refused).message.hasPrefix("too many failed sign-ins; try again in"), "\(Self.error(of: refused).message)")
            }
            let webRefused = try await world.session.anonymous.postForm(
                "/auth/token", [("grant_type", "password"), ("username", Self.email), ("password", TestSession.password)],
                headers: [HTTPField.Name("X-Real-IP")!: guesser])
            #expect(webRefused.status == .tooManyRequests, "the same limiter as /auth/token")
            _ = try await world.app([("u", "ada"), ("p", password)], from: "192.0.2.10").ok("ping")
            _ = try await world.app([("u", "owner"), ("p", TestSession.password)], from: "192.0.2.11").ok("ping")
            #expect(world.server.accounts.throttle.lockouts()[Self.email]?.addresses == [guesser], "the admin sees it")
        }
    }

    // MARK: What is kept and logged

    @Test("no p, t, s or apiKey value reaches a log line, at trace level")
    func nothingSecretIsLogged() async throws {
        let captured = CapturedLog()
        let sent = Mutex<[String]>([])
        try await Self.withWorld("app-sign-in-logs", logger: captured) { world in
            let (password, apiKey) = try await world.rotate()
            let salt = "a-salt-to-find-1234"
            let token = Self.token(password, salt: salt)
            let wrongKey = "a-wrong-api-key-to-find-5678"
            let wrongToken = Self.token("a wrong password to find", salt: salt)
            sent.withLock {
                $0 = [password, apiKey, salt, token, wrongKey, wrongToken, TestSession.password, "a wrong password to find",
                      Self.enc(password, upper: true), Self.enc(password, upper: false), Self.enc(TestSession.password, upper: false),
                      SubsonicTestClient.encode(TestSession.password)]
            }
            let calls: [[(String, String)]] = [
                [("u", "ada"), ("p", password)], [("u", "ada"), ("p", Self.enc(password, upper: true))],
                [("u", "ada"), ("p", Self.enc(password, upper: false))], [("u", "ada"), ("p", TestSession.password)],
                [("u", "ada"), ("p", Self.enc(TestSession.password, upper: false))],
                [("u", "ada"), ("t", token), ("s", salt)], [("apiKey", apiKey)], [("apiKey", wrongKey)],
                [("u", "ada"), ("t", wrongToken), ("s", salt)], [("u", "ada"), ("p", "a wrong password to find")],
                [("u", "nobody"), ("p", "a wrong password to find")], [("apiKey", apiKey), ("u", "ada")],
            ]
            for credentials in calls {
                _ = try await world.app(credentials, from: "198.51.100.20").call("ping")
                _ = try await world.app(credentials, from: "198.51.100.21").call("noSuchMethod", post: true)
            }
            _ = try await world.credentials()
        }
        let log = captured.text
        #expect(log.contains("failed app sign-in"), "the log is really captured")
        let leaked = sent.withLock { $0 }.filter { log.contains($0) }
        #expect(leaked.isEmpty, "the log holds these credentials: \(leaked)")
    }

    @Test("the key file is 0600 and kept across restarts; the database holds no app password or API key in plain text")
    func keptSealed() async throws {
        let test = try TestHost(label: "app-sign-in-at-rest")
        let kept = Mutex(("", ""))
        try await TestServer(host: test.host).run { session in
            let ada = try await session.signUp(Self.email)
            let object = try await ada.send(.post, "/api/me/subsonic").object()
            let made = (try #require(object["app_password"] as? String), try #require(object["api_key"] as? String))
            kept.withLock { $0 = made }
        }
        let made = kept.withLock { $0 }
        let key = test.data.appCredentialKeyFile
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int ?? -1) & 0o777 == 0o600)
        #expect(attributes[.size] as? Int == 32)

        var stored = Data()
        for suffix in ["", "-wal"] {
            stored.append((try? Data(contentsOf: URL(fileURLWithPath: test.data.catalogFile.path + suffix))) ?? Data())
        }
        #expect(stored.range(of: Data(Self.email.utf8)) != nil, "the files read hold the accounts")
        for secret in [made.0, made.1] {
            #expect(stored.range(of: Data(secret.utf8)) == nil, "a credential is stored in plain text")
        }
        let account = try #require(try await test.host.catalog.appAccount(signingInAs: "ada"))
        #expect(account.sealedAppPassword.map { $0.count > made.0.utf8.count } == true, "sealed: nonce, text and tag")

        // A restart (new accounts over the same folder) reads the same key: nothing to redo.
        try await TestServer(host: test.host).run { session in
            let app = SubsonicTestClient(client: session.anonymous, credentials: [("apiKey", made.1)])
            _ = try await app.ok("ping")
            let token = SubsonicTestClient(client: session.anonymous, credentials: [("u", "ada"), ("t", Self.token(made.0, salt: "x")), ("s", "x")])
            _ = try await token.ok("ping")
        }
    }

    // MARK: User names

    @Test("user names: from the email's local part, reduced to a-z 0-9 . _ -, a number added on a collision, kept once made")
    func userNames() async throws {
        #expect(AppUserName.base(forEmail: "Ada.Lovelace+music@example.org") == "ada.lovelacemusic")
        #expect(AppUserName.base(forEmail: "José.Ünïcødé@example.org") == "jose.unicde")
        #expect(AppUserName.base(forEmail: "-_.x._-@example.org") == "x")
        #expect(AppUserName.base(forEmail: "++@example.org") == "user")
        #expect(AppUserName.base(forEmail: "\(String(repeating: "a", count: 60))@example.org").count == 28)
        #expect(AppUserName.isPlausible("ada.lovelace_2-x") && !AppUserName.isPlausible("ada@example.org"))
        #expect(!AppUserName.isPlausible("Ada") && !AppUserName.isPlausible("a b") && !AppUserName.isPlausible(""))

        var accountSettings = TestServer.accountSettings()
        accountSettings.signUpsPerAddressPerHour = 20
        try await Self.withWorld("app-sign-in-names", accountSettings: accountSettings) { world in
            let emails = ["ada@example.net", "ADA@example.com", "ada2@example.org", "josé.o'brien@example.org", "++@example.org", "__@example.org"]
            var names: [String] = []
            for email in emails {
                let client = try await world.session.signUp(email)
                names.append(try #require(try await world.credentials(client)["username"] as? String))
            }
            // ada@example.org took "ada"; ada2@example.org finds "ada2" taken by the first.
            #expect(names == ["ada2", "ada3", "ada22", "jose.obrien", "user", "user2"])
            for (email, name) in zip(emails, names) {
                _ = try await world.app([("u", name), ("p", TestSession.password)]).ok("ping")
                _ = try await world.app([("u", email), ("p", TestSession.password)]).ok("ping")
            }
            #expect(try await world.credentials()["username"] as? String == "ada", "unchanged by the others")
        }
    }

    @Test("an upgrade gives every existing account its user name, in the order the accounts were made")
    func upgradeNamesExistingAccounts() async throws {
        let test = try TestHost(label: "app-sign-in-upgrade")
        try await TestServer(host: test.host).run { session in
            for email in ["ada@example.org", "ada@example.net", "bob@example.org"] { _ = try await session.signUp(email) }
        }
        // As before v5: no table, and the migration not yet run.
        try await test.host.catalog.pool.write { db in
            try db.execute(sql: "DROP TABLE subsonic_credentials")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-subsonic-credentials'")
        }
        let upgraded = try TestHost(folder: test.folder)
        for (email, name) in [("ada@example.org", "ada"), ("ada@example.net", "ada2"), ("bob@example.org", "bob")] {
            #expect(try await upgraded.host.catalog.appAccount(signingInAs: email)?.username == name)
            #expect(try await upgraded.host.catalog.appAccount(signingInAs: name)?.user.email == email)
        }
    }
}

/// Counts calls from concurrent tasks.
final class Counter: Sendable {
    private let state = Mutex(0)
    func add() { state.withLock { $0 += 1 } }
    var value: Int { state.withLock { $0 } }
}
