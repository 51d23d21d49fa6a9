import Foundation
import JWTKit

/// The claims of an access token: who, which session, until when.
struct AccessClaims: JWTPayload {
    var subject: SubjectClaim
    var session: String
    var issuedAt: IssuedAtClaim
    var expiration: ExpirationClaim

    enum CodingKeys: String, CodingKey {
        case subject = "sub", session = "sid", issuedAt = "iat", expiration = "exp"
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try expiration.verifyNotExpired()
    }
}

/// Signs and checks access tokens: HS256 only. The key collection holds one HMAC key and
/// nothing else, so a token naming another algorithm (`none` included) cannot verify.
struct AccessTokens: Sendable {
    let keys: JWTKeyCollection
    let lifetime: Duration

    init(secret: [UInt8], lifetime: Duration) async {
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.lifetime = lifetime
    }

    func issue(userID: String, sessionID: String, now: Date = Date()) async throws -> String {
        let claims = AccessClaims(
            subject: .init(value: userID), session: sessionID, issuedAt: .init(value: now),
            expiration: .init(value: now.addingTimeInterval(TimeInterval(lifetime.components.seconds))))
        return try await keys.sign(claims)
    }

    /// The claims of a valid token; nil for anything else (malformed, tampered, expired,
    /// another algorithm). Callers answer 401 without saying which, on purpose.
    func verify(_ token: String) async -> AccessClaims? {
        try? await keys.verify(token, as: AccessClaims.self)
    }
}
