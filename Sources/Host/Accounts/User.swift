import Foundation
import GRDB

/// One row of `users`: an account. `username` holds the email address, lower-cased.
public struct User: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "users"

    public enum Role: String, Codable, Sendable, CaseIterable {
        case admin, user
    }

    public var id: String
    public var email: String
    /// Empty for an account that signs in only with Google.
    var hashedPassword: String
    public var role: Role
    public var createdAt: Date
    public var disabled: Bool
    var googleSubject: String?
    /// The stored app user name (`subsonic_credentials`), when the query that read this
    /// account joined it; see `appUserName`.
    var storedAppUserName: String?

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, email = "username", hashedPassword = "hashed_password", role, createdAt = "created_at", disabled
        case googleSubject = "google_subject"
    }

    /// The same account in the same state; whether its app user name was read along is
    /// not part of it.
    public static func == (left: User, right: User) -> Bool {
        left.id == right.id && left.email == right.email && left.hashedPassword == right.hashedPassword && left.role == right.role
            && left.createdAt == right.createdAt && left.disabled == right.disabled && left.googleSubject == right.googleSubject
    }

    public var isAdmin: Bool { role == .admin }
    public var hasPassword: Bool { !hashedPassword.isEmpty }
    public var googleLinked: Bool { googleSubject != nil }
}

/// An account as the admin page lists it.
public struct AccountOverview: Sendable {
    public var user: User
    /// Set while the account is locked out of sign-in somewhere.
    public var lockout: AccountLockout?
}
