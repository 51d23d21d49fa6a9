import Crypto
import Foundation
import GRDB

/// A signed-in device: what a refresh token stands for.
struct Session: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "sessions"

    var id: String
    var userID: String
    var refreshHash: String
    var previousHash: String?
    var createdAt: Date
    var lastUsedAt: Date
    var expiresAt: Date
    var revokedAt: Date?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, userID = "user_id", refreshHash = "refresh_hash", previousHash = "previous_hash"
        case createdAt = "created_at", lastUsedAt = "last_used_at", expiresAt = "expires_at", revokedAt = "revoked_at"
    }
}

/// Refresh tokens: opaque random strings, of which only a SHA-256 is stored (a stolen
/// database reveals no usable token). Each use rotates the token; presenting the one just
/// replaced means it was copied, so the whole session ends (RFC 6819 §5.2.2.3).
enum RefreshTokens {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64URLEncoded
    }

    static func hash(_ token: String) -> String {
        LowercaseHex.string(SHA256.hash(data: Data(token.utf8)))
    }
}

extension Catalog {
    func createSession(userID: String, refreshToken: String, lifetime: Duration, now: Date = Date()) async throws -> Session {
        let session = Session(
            id: UUID().uuidString.lowercased(), userID: userID, refreshHash: RefreshTokens.hash(refreshToken),
            createdAt: now, lastUsedAt: now,
            expiresAt: now.addingTimeInterval(TimeInterval(lifetime.components.seconds)))
        try await pool.write { db in try session.insert(db) }
        return session
    }

    /// Swaps a refresh token for a new one. A token replayed after rotation revokes its
    /// session; an unknown, expired or revoked one is refused.
    func rotate(refreshToken: String, to newToken: String, lifetime: Duration, now: Date = Date()) async throws -> Session {
        let presented = RefreshTokens.hash(refreshToken)
        let outcome = try await pool.write { db -> Result<Session, AccountError> in
            if var session = try Session.filter(Session.CodingKeys.refreshHash == presented).fetchOne(db) {
                guard session.revokedAt == nil, session.expiresAt > now else {
                    return .failure(.invalidCredentials("the refresh token has expired or was revoked; sign in again"))
                }
                session.previousHash = presented
                session.refreshHash = RefreshTokens.hash(newToken)
                session.lastUsedAt = now
                session.expiresAt = now.addingTimeInterval(TimeInterval(lifetime.components.seconds))
                try session.update(db)
                return .success(session)
            }
            if var replayed = try Session.filter(Session.CodingKeys.previousHash == presented).fetchOne(db) {
                replayed.revokedAt = replayed.revokedAt ?? now
                try replayed.update(db)
                return .failure(.invalidCredentials(
                    "this refresh token was already used, so the session has been ended for safety; sign in again"))
            }
            return .failure(.invalidCredentials("unknown refresh token; sign in again"))
        }
        return try outcome.get()
    }

    func revokeSession(id: String, now: Date = Date()) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now, id])
        }
    }

    func revokeSession(refreshToken: String, now: Date = Date()) async throws {
        let hash = RefreshTokens.hash(refreshToken)
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ? WHERE (refresh_hash = ? OR previous_hash = ?) AND revoked_at IS NULL",
                arguments: [now, hash, hash])
        }
    }

    /// Ends every live session of a user but `except` (inside the caller's write).
    static func revokeSessions(_ db: Database, userID: String, except kept: String?, now: Date = Date()) throws {
        try db.execute(
            sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?",
            arguments: [now, userID, kept])
    }

    /// The user behind a live session: nil when the session is revoked or expired, or the
    /// account is disabled or gone. Every authenticated request runs this: answered from
    /// `liveSessions` when it can, else with one indexed read, remembered.
    func activeUser(sessionID: String, userID: String, now: Date = Date()) async throws -> User? {
        if let user = liveSessions.user(sessionID: sessionID, userID: userID, now: now) { return user }
        let ticket = liveSessions.ticket()
        let found = try await pool.read { db -> (User, Date)? in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT users.*, sessions.expires_at AS session_expires_at FROM sessions JOIN users ON users.id = sessions.user_id
                    WHERE sessions.id = ? AND sessions.user_id = ? AND sessions.revoked_at IS NULL
                      AND sessions.expires_at > ? AND NOT users.disabled
                    """),
                arguments: [sessionID, userID, now])
            else { return nil }
            return (try User(row: row), row["session_expires_at"])
        }
        guard let (user, expiresAt) = found else { return nil }
        liveSessions.remember(user, sessionID: sessionID, expiresAt: expiresAt, ticket: ticket)
        return user
    }
}
