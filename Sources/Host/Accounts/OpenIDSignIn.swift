import AsyncHTTPClient
import Crypto
import Foundation
import JWTKit
import Logging
import NIOCore
import Synchronization

/// Where to find the OpenID Connect issuer (Google by default) and who we are to it.
public struct OpenIDSettings: Sendable {
    public var clientID: String
    public var clientSecret: String
    public var discoveryURL: URL

    public static let googleDiscovery = URL(string: "https://accounts.google.com/.well-known/openid-configuration")!

    public init(clientID: String, clientSecret: String, discoveryURL: URL = OpenIDSettings.googleDiscovery) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.discoveryURL = discoveryURL
    }
}

/// Sign-in with Google (any OpenID Connect issuer): the authorization code flow with PKCE
/// (S256), a state that ties the answer to its request and a nonce that ties the ID token
/// to it. The ID token is checked against the issuer's published keys: issuer, audience,
/// expiry, nonce and a verified email. A verified email links to the account with that
/// address, or creates one when registration allows it.
public final class OpenIDSignIn: Sendable {
    let settings: OpenIDSettings
    let accounts: Accounts
    let client: HTTPClient
    let logger: Logger
    private let pending = Mutex<[String: PendingSignIn]>([:])
    private let issuer = Mutex<IssuerKeys?>(nil)

    /// How long a person has between leaving for the issuer and coming back.
    static let pendingLifetime: TimeInterval = 10 * 60
    /// The issuer's document and keys are fetched again after this long (keys rotate).
    static let issuerRefresh: TimeInterval = 3600

    public init(settings: OpenIDSettings, accounts: Accounts, client: HTTPClient = .shared) {
        self.settings = settings
        self.accounts = accounts
        self.client = client
        self.logger = accounts.logger
    }

    /// The issuer's authorization URL to send the browser to. `redirectURI` is our
    /// callback as the browser reaches it; `returnTo` the local page to land on after.
    public func start(redirectURI: String, returnTo: String) async throws -> URL {
        let keys = try await issuerKeys()
        let state = RefreshTokens.make()
        let attempt = PendingSignIn(
            verifier: RefreshTokens.make() + RefreshTokens.make(), nonce: RefreshTokens.make(), redirectURI: redirectURI,
            returnTo: returnTo, expires: Date().addingTimeInterval(Self.pendingLifetime))
        pending.withLock { table in
            let now = Date()
            table = table.filter { $0.value.expires > now }
            // Bound memory against someone starting sign-ins in a loop.
            if table.count >= 1000, let oldest = table.min(by: { $0.value.expires < $1.value.expires })?.key {
                table[oldest] = nil
            }
            table[state] = attempt
        }
        var components = URLComponents(url: keys.document.authorizationEndpoint, resolvingAgainstBaseURL: false)!
        components.queryItems = (components.queryItems ?? []) + [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: settings.clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: "openid email"),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "nonce", value: attempt.nonce),
            URLQueryItem(name: "code_challenge", value: Self.challenge(for: attempt.verifier)),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        return components.url!
    }

    /// Completes a sign-in from the issuer's redirect: exchanges the code, checks the ID
    /// token, and signs the matching account in.
    public func finish(code: String, state: String) async throws -> (signIn: SignIn, returnTo: String) {
        guard let attempt = pending.withLock({ $0.removeValue(forKey: state) }), attempt.expires > Date() else {
            throw AccountError.invalidCredentials("this sign-in link is unknown, used or expired; start the Google sign-in again")
        }
        let keys = try await issuerKeys()
        let idToken = try await exchange(code: code, attempt: attempt, tokenEndpoint: keys.document.tokenEndpoint)
        let claims = try await verify(idToken: idToken, nonce: attempt.nonce, keys: keys)
        let user = try await accounts.user(forIdentity: claims.subject.value, email: claims.email ?? "")
        return (try await accounts.startSession(for: user), attempt.returnTo)
    }

    // MARK: Steps

    private func exchange(code: String, attempt: PendingSignIn, tokenEndpoint: URL) async throws -> String {
        var request = HTTPClientRequest(url: tokenEndpoint.absoluteString)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", attempt.redirectURI),
            ("client_id", settings.clientID), ("client_secret", settings.clientSecret), ("code_verifier", attempt.verifier),
        ].map { "\($0)=\(Self.formEncoded($1))" }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: form))
        let (status, body) = try await send(request, what: "the token endpoint")
        guard status == 200 else {
            // The body is the issuer's error (e.g. invalid_grant); it holds no secret of ours.
            throw AccountError.invalidCredentials(
                "the sign-in provider refused the code (HTTP \(status): \(String(decoding: body.prefix(300), as: UTF8.self))); start again")
        }
        guard let answer = try? JSONDecoder().decode(TokenEndpointAnswer.self, from: body), let idToken = answer.idToken else {
            throw HostError.unavailable("the sign-in provider's token answer has no id_token")
        }
        return idToken
    }

    private func verify(idToken: String, nonce: String, keys: IssuerKeys) async throws -> IDTokenClaims {
        let claims: IDTokenClaims
        do {
            claims = try await keys.keys.verify(idToken, as: IDTokenClaims.self)
        } catch {
            throw AccountError.invalidCredentials("the sign-in provider's ID token did not verify: \(error)")
        }
        guard claims.issuer.value == keys.document.issuer else {
            throw AccountError.invalidCredentials("the ID token comes from \(claims.issuer.value), not \(keys.document.issuer)")
        }
        guard claims.audience.value.contains(settings.clientID) else {
            throw AccountError.invalidCredentials("the ID token was issued for another application")
        }
        guard claims.nonce == nonce else {
            throw AccountError.invalidCredentials("the ID token does not answer this sign-in (nonce mismatch); start again")
        }
        guard claims.emailVerified?.value == true, let email = claims.email, !email.isEmpty else {
            throw AccountError.forbidden(
                code: "email_not_verified", message: "the Google account has no verified email address, which is needed to sign in")
        }
        return claims
    }

    /// The discovery document and signing keys, fetched once an hour.
    private func issuerKeys() async throws -> IssuerKeys {
        if let cached = issuer.withLock({ $0 }), cached.fetched.addingTimeInterval(Self.issuerRefresh) > Date() {
            return cached
        }
        let (status, body) = try await send(HTTPClientRequest(url: settings.discoveryURL.absoluteString), what: "the discovery document")
        guard status == 200, let document = try? JSONDecoder().decode(DiscoveryDocument.self, from: body) else {
            throw HostError.unavailable(
                "cannot read the OpenID discovery document at \(settings.discoveryURL) (HTTP \(status)); check MYSPOTIFY_GOOGLE_DISCOVERY_URL")
        }
        let (jwksStatus, jwks) = try await send(HTTPClientRequest(url: document.jwksURI.absoluteString), what: "the signing keys")
        guard jwksStatus == 200 else { throw HostError.unavailable("cannot read the issuer's keys at \(document.jwksURI) (HTTP \(jwksStatus))") }
        let keys = JWTKeyCollection()
        do {
            try await keys.add(jwksJSON: String(decoding: jwks, as: UTF8.self))
        } catch {
            throw HostError.unavailable("the issuer's keys at \(document.jwksURI) are not a usable JWKS: \(error)")
        }
        let fresh = IssuerKeys(document: document, keys: keys, fetched: Date())
        issuer.withLock { $0 = fresh }
        return fresh
    }

    private func send(_ request: HTTPClientRequest, what: String) async throws -> (UInt, Data) {
        do {
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            return (response.status.code, Data(body.readableBytesView))
        } catch {
            throw HostError.unavailable("cannot reach \(what) of the sign-in provider: \(error)")
        }
    }

    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
    }

    static func formEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

struct PendingSignIn: Sendable {
    var verifier: String
    var nonce: String
    var redirectURI: String
    var returnTo: String
    var expires: Date
}

struct IssuerKeys: Sendable {
    var document: DiscoveryDocument
    var keys: JWTKeyCollection
    var fetched: Date
}

struct DiscoveryDocument: Decodable, Sendable {
    var issuer: String
    var authorizationEndpoint: URL
    var tokenEndpoint: URL
    var jwksURI: URL

    enum CodingKeys: String, CodingKey {
        case issuer, authorizationEndpoint = "authorization_endpoint", tokenEndpoint = "token_endpoint", jwksURI = "jwks_uri"
    }
}

struct TokenEndpointAnswer: Decodable {
    var idToken: String?

    enum CodingKeys: String, CodingKey { case idToken = "id_token" }
}

/// The claims of an OpenID Connect ID token that sign-in uses.
struct IDTokenClaims: JWTPayload {
    var issuer: IssuerClaim
    var subject: SubjectClaim
    var audience: AudienceClaim
    var expires: ExpirationClaim
    var nonce: String?
    var email: String?
    var emailVerified: BoolClaim?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss", subject = "sub", audience = "aud", expires = "exp", nonce, email, emailVerified = "email_verified"
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try expires.verifyNotExpired()
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
