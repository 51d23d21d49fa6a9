import Foundation
import GRDB
import Logging

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
    let signUps: SignUpLimit
    let logger: Logger
    let decoy = DecoyHash()
    /// How phone and desktop apps (the Subsonic API) sign in, and their app passwords and keys.
    public let apps: AppSignIn

    init(
        catalog: Catalog, settings: AccountSettings, secretFile: URL, appKeyFile: URL, logger: Logger,
        throttle: LoginThrottle = LoginThrottle()
    ) async throws {
        self.settings = settings
        self.catalog = catalog
        self.logger = logger
        self.throttle = throttle
        signUps = SignUpLimit(perHour: settings.signUpsPerAddressPerHour)
        hasher = PasswordHasher(
            cost: settings.bcryptCost, hashingLimit: settings.hashingQueueLimit, verifyingLimit: settings.verifyingQueueLimit)
        tokens = await AccessTokens(
            secret: try SigningSecret.load(configured: settings.jwtSecret, file: secretFile),
            lifetime: settings.accessTokenLifetime)
        apps = AppSignIn(
            catalog: catalog, seal: try CredentialSeal(keyFile: appKeyFile), hasher: hasher, throttle: throttle, decoy: decoy,
            adminEmails: settings.adminEmails, logger: logger)
    }

    /// The accounts of a host's catalog.
    public convenience init(host: MusicHost, settings: AccountSettings) async throws {
        try await self.init(
            catalog: host.catalog, settings: settings, secretFile: host.data.jwtSecretFile, appKeyFile: host.data.appCredentialKeyFile,
            logger: host.logger)
    }

    // MARK: Signing up and in

    /// Open sign-up (or an admin address when registration is closed), limited per client
    /// address (`settings.signUpsPerAddressPerHour`). Signs the new user in.
    public func register(email rawEmail: String, password: String, address: String) async throws -> SignIn {
        let email = try Self.normalized(email: rawEmail)
        if settings.registration == .closed, !settings.adminEmails.contains(email) {
            throw AccountError.forbidden(
                code: "registration_closed", message: "registration is closed on this server; ask an admin to create your account")
        }
        let checked = try PasswordPolicy.checked(password, email: email)
        // After the free refusals (a typo in the password costs no sign-up), before the
        // email check and the hash: a taken email counts too, so probing which addresses
        // have accounts is as limited as making them.
        try signUps.reserve(address: ClientAddressGroup.key(for: address))
        let user = try await create(email: email, password: checked, role: nil)
        return try await startSession(for: user)
    }

    /// Creates an account whatever the registration setting (admins, the command line).
    /// `role` nil means: admin if it is the first account or an admin address, else user.
    public func create(email rawEmail: String, password: String, role: User.Role?) async throws -> User {
        let email = try Self.normalized(email: rawEmail)
        return try await create(email: email, password: try PasswordPolicy.checked(password, email: email), role: role)
    }

    private func create(email: String, password: BcryptPassword, role: User.Role?) async throws -> User {
        // Said before the (slow) hash, so a taken email costs no bcrypt work; insertUser
        // checks again inside its write.
        if try await catalog.pool.read({ db in try User.filter(User.CodingKeys.email == email).fetchCount(db) }) > 0 {
            throw Self.emailTaken(email)
        }
        let hashed = try await hasher.hash(password)
        return try await insertUser(email: email, hashedPassword: hashed, googleSubject: nil, role: role)
    }

    /// Checks an email and password, under the failed-attempt limits (`LoginThrottle`).
    /// Every refusal is the same answer, `wrong email or password`: an unknown email, an
    /// account with no password, a wrong password, and a disabled account whatever the
    /// password (telling that one apart would confirm the password to whoever tried it).
    /// Each of those runs one bcrypt check, so they take the same time too.
    public func signIn(email rawEmail: String, password: String, address: String) async throws -> SignIn {
        let user = try await verify(email: rawEmail, password: password, address: address)
        return try await startSession(for: user)
    }

    /// Checks an email and password under the failed-attempt limits, like a sign-in, but
    /// starts no session: for clients that send the password with every request (Subsonic
    /// apps). Every refusal is the same wrong-credentials error.
    public func verify(email rawEmail: String, password: String, address: String) async throws -> User {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let group = ClientAddressGroup.key(for: address)
        try throttle.check(account: email, address: group)
        // A password no account can have (control characters, too short or long) is wrong
        // whatever the account, so it is answered at once: no bcrypt work, nothing counted,
        // and nothing learnt about the account.
        guard let candidate = PasswordPolicy.candidate(password) else {
            logger.notice("failed sign-in", metadata: ["address": "\(address)", "reason": "impossible password"])
            throw Self.wrongCredentials
        }
        let user = try await catalog.pool.read { db in try User.filter(User.CodingKeys.email == email).fetchOne(db) }
        let hash: String
        if let real = user?.hashedPassword.nilIfEmpty {
            hash = real
        } else {
            hash = try await decoy.hash(with: hasher)
        }
        let matches = try await hasher.verify(candidate, against: hash)
        guard let user, matches, user.hasPassword, !user.disabled else {
            throttle.recordFailure(account: email, address: group)
            var metadata: Logger.Metadata = ["address": "\(address)"]
            if user?.disabled == true { metadata["reason"] = "account disabled" }
            logger.notice("failed sign-in", metadata: metadata)
            throw Self.wrongCredentials
        }
        throttle.recordSuccess(account: email, address: group)
        return try await promoteIfListed(user)
    }

    static let wrongCredentials = AccountError.invalidCredentials("wrong email or password")

    /// Changes the signed-in user's own password. The current password must be right,
    /// checked under the same limits as a sign-in (a stolen access token must not become a
    /// way to guess it); the user's other sessions end, the one making the change stays.
    public func changePassword(of identity: Authenticated, current: String, new: String, address: String) async throws {
        let user = identity.user
        guard user.hasPassword else {
            throw HostError.conflict("this account signs in with Google and has no password to change; an admin can set one")
        }
        let checked = try PasswordPolicy.checked(new, email: user.email)
        let group = ClientAddressGroup.key(for: address)
        try throttle.check(account: user.email, address: group)
        let matches: Bool
        if let candidate = PasswordPolicy.candidate(current) {
            matches = try await hasher.verify(candidate, against: user.hashedPassword)
            if !matches { throttle.recordFailure(account: user.email, address: group) }
        } else {
            matches = false
        }
        guard matches else {
            logger.notice("failed password change", metadata: ["address": "\(address)"])
            throw AccountError.forbidden(code: "wrong_password", message: "the current password is wrong")
        }
        let hashed = try await hasher.hash(checked)
        try await storePassword(hashed, userID: user.id, keepingSession: identity.sessionID)
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

    /// Whether the server has no account yet: its first screen then says that the first
    /// account becomes the administrator. Public (the sign-in screen asks before anyone has
    /// signed in); it tells a visitor nothing once a single account exists.
    public func awaitsFirstAccount() async throws -> Bool {
        try await catalog.pool.read { db in try User.fetchCount(db) == 0 }
    }

    // MARK: Administration

    public func user(id: String) async throws -> User {
        guard let user = try await catalog.pool.read({ db in try User.fetchOne(db, key: id) }) else {
            throw HostError.notFound(kind: "user", id: id)
        }
        return user
    }

    public func list() async throws -> [User] {
        try await catalog.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT users.*, subsonic_credentials.username AS app_username FROM users
                    LEFT JOIN subsonic_credentials ON subsonic_credentials.user_id = users.id
                    ORDER BY users.created_at, users.username
                    """
            ).map { row in
                var user = try User(row: row)
                user.storedAppUserName = row["app_username"]
                return user
            }
        }
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
                if disabled { try Catalog.revokeSessions(db, userID: id, except: nil) }
            }
            try user.update(db)
            return user
        }
    }

    /// Sets a user's password (an admin's reset, e.g. a forgotten one, or a first password
    /// for a Google-only account). Every session of the user ends but `keepingSession` (the
    /// admin's own, when resetting their own password), and the account's sign-in locks lift.
    public func setPassword(id: String, password: String, keepingSession: String?) async throws -> User {
        let user = try await user(id: id)
        let checked = try PasswordPolicy.checked(password, email: user.email)
        let hashed = try await hasher.hash(checked)
        let updated = try await storePassword(hashed, userID: id, keepingSession: keepingSession)
        throttle.unlock(account: user.email)
        return updated
    }

    /// Lifts the sign-in locks of an account (`LoginThrottle.unlock`).
    public func unlock(id: String) async throws {
        throttle.unlock(account: try await user(id: id).email)
    }

    /// The sign-in locks holding each account now, by user id; accounts not locked are absent.
    /// Every account for the admin page, with the sign-in locks on it.
    public func overview() async throws -> [AccountOverview] {
        let byEmail = throttle.lockouts()
        return try await list().map { AccountOverview(user: $0, lockout: byEmail[$0.email]) }
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
            if try User.filter(User.CodingKeys.email == email).fetchCount(db) > 0 { throw Self.emailTaken(email) }
            let first = try User.fetchCount(db) == 0
            let user = User(
                id: UUID().uuidString.lowercased(), email: email, hashedPassword: hashedPassword,
                role: role ?? (first || adminEmails.contains(email) ? .admin : .user), createdAt: Date(), disabled: false,
                googleSubject: googleSubject)
            try user.insert(db)
            try Catalog.assignAppUserName(db, userID: user.id, email: email)
            return user
        }
        logger.info("account created", metadata: ["user": "\(user.id)", "role": "\(user.role.rawValue)"])
        return user
    }

    /// Writes a new password hash and ends the user's sessions but `keepingSession`.
    @discardableResult
    private func storePassword(_ hashed: String, userID: String, keepingSession: String?) async throws -> User {
        try await catalog.pool.write { db in
            guard var user = try User.fetchOne(db, key: userID) else { throw HostError.notFound(kind: "user", id: userID) }
            user.hashedPassword = hashed
            try user.update(db)
            try Catalog.revokeSessions(db, userID: userID, except: keepingSession)
            return user
        }
    }

    static func emailTaken(_ email: String) -> HostError {
        .conflict("an account with the email \(email) already exists; sign in instead")
    }

    func promoteIfListed(_ user: User) async throws -> User {
        try await catalog.promoteIfListed(user, adminEmails: settings.adminEmails)
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

extension Catalog {
    /// An address added to `MYSPOTIFY_ADMIN_EMAILS` after sign-up becomes admin at its next sign-in.
    func promoteIfListed(_ user: User, adminEmails: Set<String>) async throws -> User {
        guard !user.isAdmin, adminEmails.contains(user.email) else { return user }
        var promoted = user
        promoted.role = .admin
        try await pool.write { [promoted] db in try promoted.update(db) }
        return promoted
    }
}
