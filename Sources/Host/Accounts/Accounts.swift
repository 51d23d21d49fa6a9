import Foundation
import GRDB
import Logging
import Synchronization

/// A successful sign-in: the tokens a client keeps.
public struct SignIn: Sendable {
    public var user: User
    public var accessToken: String
    public var expiresIn: Int
    public var refreshToken: String
    public var sessionID: String
}

/// Who is making a request, once their access token checked out.
public struct Authenticated: Sendable {
    public var user: User
    public var sessionID: String
}

/// Accounts: sign-up, sign-in, tokens, roles. The first account, and any address of
/// `MYSPOTIFY_ADMIN_EMAILS`, is an admin; there is always at least one active admin.
public final class Accounts: Sendable {
    public let settings: AccountSettings
    let catalog: Catalog
    let hasher: PasswordHasher
    let tokens: AccessTokens
    let throttle: LoginThrottle
    let logger: Logger
    /// Compared against when the account does not exist, so a wrong email costs the same
    /// time as a wrong password and does not reveal which addresses have accounts. Made at
    /// the first such sign-in, not at start-up: every command that opens the accounts
    /// (`user ls`) would otherwise pay a bcrypt hash for nothing.
    private let decoy = Mutex<String?>(nil)

    init(catalog: Catalog, settings: AccountSettings, secretFile: URL, logger: Logger, throttle: LoginThrottle = LoginThrottle()) async throws {
        self.settings = settings
        self.catalog = catalog
        self.logger = logger
        self.throttle = throttle
        hasher = PasswordHasher(cost: settings.bcryptCost)
        tokens = await AccessTokens(
            secret: try SigningSecret.load(configured: settings.jwtSecret, file: secretFile),
            lifetime: settings.accessTokenLifetime)
    }

    /// The accounts of a host's catalog.
    public convenience init(host: MusicHost, settings: AccountSettings) async throws {
        try await self.init(catalog: host.catalog, settings: settings, secretFile: host.data.jwtSecretFile, logger: host.logger)
    }

    // MARK: Signing up and in

    /// Open sign-up (or an admin address when registration is closed). Signs the new user in.
    public func register(email rawEmail: String, password: String) async throws -> SignIn {
        let email = try Self.normalized(email: rawEmail)
        if settings.registration == .closed, !settings.adminEmails.contains(email) {
            throw AccountError.forbidden(
                code: "registration_closed", message: "registration is closed on this server; ask an admin to create your account")
        }
        let user = try await create(email: email, password: password, role: nil)
        return try await startSession(for: user)
    }

    /// Creates an account whatever the registration setting (admins, the command line).
    /// `role` nil means: admin if it is the first account or an admin address, else user.
    public func create(email rawEmail: String, password: String, role: User.Role?) async throws -> User {
        let email = try Self.normalized(email: rawEmail)
        if let problem = PasswordPolicy.problem(with: password, email: email) {
            throw HostError.invalidInput(problem)
        }
        let hashed = await hasher.hash(password)
        return try await insertUser(email: email, hashedPassword: hashed, googleSubject: nil, role: role)
    }

    /// Checks an email and password, under the failed-attempt limits.
    public func signIn(email rawEmail: String, password: String, address: String) async throws -> SignIn {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        try throttle.check(account: email, address: address)
        let user = try await catalog.pool.read { db in try User.filter(User.CodingKeys.email == email).fetchOne(db) }
        let hash: String
        if let real = user?.hashedPassword.nilIfEmpty {
            hash = real
        } else {
            hash = await decoyHash()
        }
        let matches = await hasher.verify(password, against: hash)
        guard let user, matches, user.hasPassword else {
            throttle.recordFailure(account: email, address: address)
            logger.notice("failed sign-in", metadata: ["address": "\(address)"])
            throw AccountError.invalidCredentials("wrong email or password")
        }
        guard !user.disabled else {
            throw AccountError.forbidden(code: "account_disabled", message: "this account is disabled; ask an admin")
        }
        throttle.recordSuccess(account: email)
        return try await startSession(for: try await promoteIfListed(user))
    }

    /// Trades a refresh token for new tokens (the old one stops working).
    public func refresh(refreshToken: String) async throws -> SignIn {
        let newToken = RefreshTokens.make()
        let session = try await catalog.rotate(refreshToken: refreshToken, to: newToken, lifetime: settings.refreshTokenLifetime)
        guard let user = try await catalog.activeUser(sessionID: session.id, userID: session.userID) else {
            throw AccountError.invalidCredentials("this account is disabled or gone; sign in again")
        }
        return SignIn(
            user: user, accessToken: try await tokens.issue(userID: user.id, sessionID: session.id),
            expiresIn: Int(settings.accessTokenLifetime.components.seconds), refreshToken: newToken, sessionID: session.id)
    }

    public func signOut(sessionID: String) async throws {
        try await catalog.revokeSession(id: sessionID)
    }

    public func signOut(refreshToken: String) async throws {
        try await catalog.revokeSession(refreshToken: refreshToken)
    }

    /// The signed-in user behind an access token, or `invalidCredentials`.
    public func authenticate(accessToken: String) async throws -> Authenticated {
        guard let claims = await tokens.verify(accessToken),
            let user = try await catalog.activeUser(sessionID: claims.session, userID: claims.subject.value)
        else {
            throw AccountError.invalidCredentials("the access token is invalid, expired or revoked; sign in again")
        }
        return Authenticated(user: user, sessionID: claims.session)
    }

    func startSession(for user: User) async throws -> SignIn {
        let refreshToken = RefreshTokens.make()
        let session = try await catalog.createSession(
            userID: user.id, refreshToken: refreshToken, lifetime: settings.refreshTokenLifetime)
        return SignIn(
            user: user, accessToken: try await tokens.issue(userID: user.id, sessionID: session.id),
            expiresIn: Int(settings.accessTokenLifetime.components.seconds), refreshToken: refreshToken, sessionID: session.id)
    }

    /// The account of an external identity (Google's `sub` and its verified email): the
    /// linked one, else the one with that email (now linked), else a new one if allowed.
    func user(forIdentity subject: String, email rawEmail: String) async throws -> User {
        let email = try Self.normalized(email: rawEmail)
        let found = try await catalog.pool.write { db -> User? in
            if let linked = try User.filter(User.CodingKeys.googleSubject == subject).fetchOne(db) { return linked }
            guard var byEmail = try User.filter(User.CodingKeys.email == email).fetchOne(db) else { return nil }
            byEmail.googleSubject = subject
            try byEmail.update(db)
            return byEmail
        }
        if let found {
            guard !found.disabled else {
                throw AccountError.forbidden(code: "account_disabled", message: "this account is disabled; ask an admin")
            }
            return try await promoteIfListed(found)
        }
        if settings.registration == .closed, !settings.adminEmails.contains(email) {
            throw AccountError.forbidden(
                code: "registration_closed", message: "registration is closed on this server; ask an admin to create your account")
        }
        return try await insertUser(email: email, hashedPassword: "", googleSubject: subject, role: nil)
    }

    // MARK: Administration

    public func user(id: String) async throws -> User {
        guard let user = try await catalog.pool.read({ db in try User.fetchOne(db, key: id) }) else {
            throw HostError.notFound(kind: "user", id: id)
        }
        return user
    }

    public func list() async throws -> [User] {
        try await catalog.pool.read { db in try User.order(User.CodingKeys.createdAt, User.CodingKeys.email).fetchAll(db) }
    }

    /// Changes a user's role or disabled state; never leaves the server without an active admin.
    public func update(id: String, role: User.Role?, disabled: Bool?) async throws -> User {
        try await catalog.pool.write { db in
            guard var user = try User.fetchOne(db, key: id) else { throw HostError.notFound(kind: "user", id: id) }
            let losesAdmin = user.isAdmin && !user.disabled && (role == .user || disabled == true)
            if losesAdmin, try Self.activeAdminCount(db) <= 1 {
                throw HostError.conflict("\(user.email) is the last active admin; make another user admin first")
            }
            if let role { user.role = role }
            if let disabled {
                user.disabled = disabled
                // A disabled account's sessions end now, not when their tokens expire.
                if disabled {
                    try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", arguments: [Date(), id])
                }
            }
            try user.update(db)
            return user
        }
    }

    /// Deletes a user with their playlists, likes and history (never the shared cache).
    public func delete(id: String) async throws {
        try await catalog.pool.write { db in
            guard let user = try User.fetchOne(db, key: id) else { throw HostError.notFound(kind: "user", id: id) }
            if user.isAdmin, !user.disabled, try Self.activeAdminCount(db) <= 1 {
                throw HostError.conflict("\(user.email) is the last active admin and cannot be deleted")
            }
            try user.delete(db)
        }
    }

    // MARK: Helpers

    /// Inserts an account; the first one is an admin (decided inside the write, so two
    /// simultaneous first sign-ups cannot both become admin).
    func insertUser(email: String, hashedPassword: String, googleSubject: String?, role: User.Role?) async throws -> User {
        let adminEmails = settings.adminEmails
        let user = try await catalog.pool.write { db -> User in
            if try User.filter(User.CodingKeys.email == email).fetchCount(db) > 0 {
                throw HostError.conflict("an account with the email \(email) already exists; sign in instead")
            }
            let first = try User.fetchCount(db) == 0
            let user = User(
                id: UUID().uuidString.lowercased(), email: email, hashedPassword: hashedPassword,
                role: role ?? (first || adminEmails.contains(email) ? .admin : .user), createdAt: Date(), disabled: false,
                googleSubject: googleSubject)
            try user.insert(db)
            return user
        }
        logger.info("account created", metadata: ["user": "\(user.id)", "role": "\(user.role.rawValue)"])
        return user
    }

    /// An address added to `MYSPOTIFY_ADMIN_EMAILS` after sign-up becomes admin at its next sign-in.
    func promoteIfListed(_ user: User) async throws -> User {
        guard !user.isAdmin, settings.adminEmails.contains(user.email) else { return user }
        var promoted = user
        promoted.role = .admin
        try await catalog.pool.write { [promoted] db in try promoted.update(db) }
        return promoted
    }

    /// Two first sign-ins at once may both make one; either serves, so no lock is held
    /// across the (slow) hash.
    private func decoyHash() async -> String {
        if let made = decoy.withLock({ $0 }) { return made }
        let made = await hasher.hash("decoy password of no account")
        decoy.withLock { $0 = $0 ?? made }
        return made
    }

    static func activeAdminCount(_ db: Database) throws -> Int {
        try User.filter(User.CodingKeys.role == User.Role.admin.rawValue && User.CodingKeys.disabled == false).fetchCount(db)
    }

    /// Lower-cased, trimmed, and shaped like an address (one @, something on each side, a
    /// dot in the domain). Real validation is the user reading their own address.
    static func normalized(email: String) throws -> String {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !email.contains(where: \.isWhitespace)
        else {
            throw HostError.invalidInput("\"\(email)\" is not an email address")
        }
        return email
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
