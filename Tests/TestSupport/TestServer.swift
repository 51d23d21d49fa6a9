import Foundation
import HTTPTypes
import Host
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Server

/// The real server (a real socket on loopback) over a host, with real accounts: tests
/// sign up through `/auth/register` like any client and get clients that send the token.
public struct TestServer: Sendable {
    public let host: MusicHost
    public let accounts: Accounts
    public let settings: ServerSettings
    let logger: Logger?

    /// Accounts as a test wants them: bcrypt at its lowest cost (a setting), the rest as shipped.
    public static func accountSettings() -> AccountSettings {
        var settings = AccountSettings()
        settings.bcryptCost = 4
        return settings
    }

    public init(
        host: MusicHost, accountSettings: AccountSettings = TestServer.accountSettings(), settings: ServerSettings = ServerSettings(),
        logger: Logger? = nil
    ) async throws {
        self.host = host
        self.settings = settings
        self.logger = logger
        accounts = try await Accounts(host: host, settings: accountSettings)
    }

    /// Runs `body` with an anonymous client against the live server.
    public func run(_ body: @Sendable (TestSession) async throws -> Void) async throws {
        let logger = self.logger ?? {
            var quiet = Logger(label: "server-test")
            quiet.logLevel = .critical
            return quiet
        }()
        let app = MySpotifyServer.application(
            host: host, accounts: accounts, settings: settings, hostname: "127.0.0.1", port: 0, logger: logger)
        try await app.test(.live) { client in try await body(TestSession(anonymous: client)) }
    }
}

/// One live server as tests talk to it.
public struct TestSession: Sendable {
    public let anonymous: any TestClientProtocol

    /// Signs up (the first account is the admin) and returns a client that sends its token.
    public func signUp(_ email: String, password: String = TestSession.password) async throws -> SignedInClient {
        let answer = try await anonymous.send(.post, "/auth/register", json: #"{"email": "\#(email)", "password": "\#(password)"}"#)
        guard answer.status == .created,
            let token = try answer.object()["access_token"] as? String
        else { throw FixtureError(message: "sign-up of \(email) failed: \(answer.status) \(String(buffer: answer.body))") }
        return SignedInClient(base: anonymous, token: token)
    }

    /// Signs in with the password grant; the account must exist.
    public func signIn(_ email: String, password: String = TestSession.password) async throws -> SignedInClient {
        let answer = try await anonymous.postForm(
            "/auth/token", [("grant_type", "password"), ("username", email), ("password", password)])
        guard answer.status == .ok, let token = try answer.object()["access_token"] as? String
        else { throw FixtureError(message: "sign-in of \(email) failed: \(answer.status) \(String(buffer: answer.body))") }
        return SignedInClient(base: anonymous, token: token)
    }

    /// Signs up, or signs in when the account exists (a fixture that serves twice).
    public func account(_ email: String) async throws -> SignedInClient {
        do {
            return try await signUp(email)
        } catch {
            return try await signIn(email)
        }
    }

    public static let password = "a long enough password"
}

/// A client whose every request carries `Authorization: Bearer <token>`.
public struct SignedInClient: TestClientProtocol {
    public let base: any TestClientProtocol
    public let token: String

    public init(base: any TestClientProtocol, token: String) {
        self.base = base
        self.token = token
    }

    public func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        headers[.authorization] = "Bearer \(token)"
        return try await base.executeRequest(uri: uri, method: method, headers: headers, body: body)
    }

    public var port: Int? { base.port }

    /// The header line for tools such as curl.
    public var authorization: String { "Authorization: Bearer \(token)" }
}

extension TestClientProtocol {
    /// A request with an optional JSON body.
    @discardableResult
    public func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if json != nil { headers[.contentType] = "application/json" }
        return try await executeRequest(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// A form POST (the OAuth2 token endpoint).
    @discardableResult
    public func postForm(_ uri: String, _ form: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = form.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }.joined(separator: "&")
        return try await executeRequest(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

extension TestResponse {
    /// The body as a JSON object (throws with the body when it is not one).
    public func object() throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw FixtureError(message: "\(status): not a JSON object: \(String(buffer: body))")
        }
        return object
    }

    /// The `items` of a list answer.
    public func items() throws -> [[String: Any]] {
        try object()["items"] as? [[String: Any]] ?? []
    }
}
