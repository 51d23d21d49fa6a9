import AsyncHTTPClient
import Crypto
import CryptoExtras
import Foundation
import Hummingbird
import JWTKit
import NIOCore
import Synchronization

/// A small OpenID Connect issuer on loopback that speaks the real protocol, standing in
/// for Google (which needs the internet): a discovery document, a JWKS with a fresh RSA
/// key, an authorization endpoint that approves the configured person at once and
/// redirects back with a code, and a token endpoint that checks the client secret, the
/// redirect URI and the PKCE verifier before returning an RS256-signed ID token.
public final class FakeOpenIDIssuer: Sendable {
    public struct Person: Sendable {
        public var subject: String
        public var email: String
        public var emailVerified: Bool

        public init(subject: String, email: String, emailVerified: Bool = true) {
            self.subject = subject
            self.email = email
            self.emailVerified = emailVerified
        }
    }

    /// How the issuer misbehaves, to prove the server notices.
    public enum Fault: Sendable {
        case none
        /// The ID token carries another nonce than the one asked for.
        case wrongNonce
        /// The ID token is signed by a key the JWKS does not publish.
        case foreignKey
        /// The ID token names another audience.
        case wrongAudience
    }

    public let clientID = "myspotify-test-client"
    public let clientSecret = "test-client-secret-\(UUID().uuidString)"
    private let server = Mutex<LoopbackServer?>(nil)
    private let state: Mutex<State>
    private let signing: JWTKeyCollection
    private let foreignSigning: JWTKeyCollection
    private let jwks: String

    struct Grant {
        var challenge: String
        var nonce: String
        var redirectURI: String
        var person: Person
    }

    struct State {
        var person: Person
        var fault: Fault = .none
        var grants: [String: Grant] = [:]
        var tokenRequests = 0
    }

    var baseURL: String { server.withLock { $0?.baseURL ?? "" } }
    public var discoveryURL: URL { URL(string: baseURL + "/.well-known/openid-configuration")! }
    public var tokenRequests: Int { state.withLock { $0.tokenRequests } }

    public func signIn(as person: Person, fault: Fault = .none) {
        state.withLock {
            $0.person = person
            $0.fault = fault
        }
    }

    public static func start(person: Person) async throws -> FakeOpenIDIssuer {
        let key = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let foreign = try Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        let signing = JWTKeyCollection()
        await signing.add(rsa: key, digestAlgorithm: .sha256, kid: "test-key")
        let foreignSigning = JWTKeyCollection()
        await foreignSigning.add(rsa: foreign, digestAlgorithm: .sha256, kid: "test-key")
        let (modulus, exponent) = try key.publicKey.getKeyPrimitives()
        let jwks = #"{"keys": [{"kty": "RSA", "kid": "test-key", "alg": "RS256", "use": "sig", "n": "\#(modulus.base64URL)", "e": "\#(exponent.base64URL)"}]}"#
        let issuer = FakeOpenIDIssuer(person: person, signing: signing, foreignSigning: foreignSigning, jwks: jwks)
        let server = await LoopbackServer.start(issuer.router(), label: "fake-issuer")
        issuer.server.withLock { $0 = server }
        return issuer
    }

    private init(person: Person, signing: JWTKeyCollection, foreignSigning: JWTKeyCollection, jwks: String) {
        state = Mutex(State(person: person))
        self.signing = signing
        self.foreignSigning = foreignSigning
        self.jwks = jwks
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ in
            let url = self.baseURL
            return Self.json("""
                {"issuer": "\(url)", "authorization_endpoint": "\(url)/authorize", "token_endpoint": "\(url)/token",
                 "jwks_uri": "\(url)/jwks", "response_types_supported": ["code"], "id_token_signing_alg_values_supported": ["RS256"],
                 "code_challenge_methods_supported": ["S256"]}
                """)
        }
        router.get("/jwks") { _, _ in Self.json(self.jwks) }
        router.get("/authorize") { request, _ in self.authorize(request) }
        router.post("/token") { request, _ in try await self.token(request) }
        return router
    }

    /// Approves the configured person at once and sends the browser back with a code.
    private func authorize(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        guard query["response_type"] == "code", query["code_challenge_method"] == "S256", query["client_id"].map(String.init) == clientID,
            let redirect = query["redirect_uri"].map(String.init), let stateValue = query["state"].map(String.init),
            let challenge = query["code_challenge"].map(String.init), let nonce = query["nonce"].map(String.init),
            query["scope"]?.contains("openid") == true
        else { return Response(status: .badRequest) }
        let code = UUID().uuidString
        state.withLock { $0.grants[code] = Grant(challenge: challenge, nonce: nonce, redirectURI: redirect, person: $0.person) }
        var components = URLComponents(string: redirect)!
        components.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: stateValue)]
        return Response(status: .found, headers: [.location: components.string!])
    }

    /// Swaps a code for tokens, once, for the right client, redirect URI and PKCE verifier.
    private func token(_ request: Request) async throws -> Response {
        let form = try await request.body.collect(upTo: 65536)
        var fields: [String: String] = [:]
        for pair in String(buffer: form).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        let (grant, fault) = state.withLock { state -> (Grant?, Fault) in
            state.tokenRequests += 1
            return (fields["code"].flatMap { state.grants.removeValue(forKey: $0) }, state.fault)
        }
        guard fields["grant_type"] == "authorization_code", fields["client_id"] == clientID, fields["client_secret"] == clientSecret
        else { return Self.json(#"{"error": "invalid_client"}"#, status: .unauthorized) }
        guard let grant, fields["redirect_uri"] == grant.redirectURI, let verifier = fields["code_verifier"],
            Data(SHA256.hash(data: Data(verifier.utf8))).base64URL == grant.challenge
        else { return Self.json(#"{"error": "invalid_grant"}"#, status: .badRequest) }
        let now = Date()
        let claims = IssuedIDToken(
            iss: baseURL, sub: grant.person.subject, aud: fault == .wrongAudience ? "someone-else" : clientID,
            exp: now.addingTimeInterval(600).timeIntervalSince1970, iat: now.timeIntervalSince1970,
            nonce: fault == .wrongNonce ? "not-the-nonce" : grant.nonce, email: grant.person.email,
            email_verified: grant.person.emailVerified)
        let idToken = try await (fault == .foreignKey ? foreignSigning : signing).sign(claims, kid: "test-key")
        return Self.json(#"{"access_token": "opaque", "token_type": "Bearer", "expires_in": 3600, "id_token": "\#(idToken)"}"#)
    }

    public func stop() { server.withLock { $0 }?.stop() }

    /// Plays the browser at the issuer: opens the authorization URL the server sent it to
    /// (over HTTP, without following the redirect) and returns where the issuer sends it
    /// back. Asynchronous on purpose: a blocking tool here would hold a thread the
    /// issuer itself needs on a two-core machine.
    public func approve(_ authorizationURL: String) async throws -> String {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let response = try await client.execute(HTTPClientRequest(url: authorizationURL), timeout: .seconds(10))
            try await client.shutdown()
            guard response.status == .found, let location = response.headers.first(name: "location") else {
                throw FixtureError(message: "the issuer answered \(response.status) to \(authorizationURL)")
            }
            return location
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The ID token's claims as the issuer writes them.
struct IssuedIDToken: JWTPayload {
    var iss: String
    var sub: String
    var aud: String
    var exp: Double
    var iat: Double
    var nonce: String
    var email: String
    var email_verified: Bool

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

extension Data {
    /// Base64url without padding, as JWTs and PKCE write it.
    public var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
