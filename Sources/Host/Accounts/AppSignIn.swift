import Crypto
import Foundation
import Logging

/// How phone and desktop apps sign in. They speak the Subsonic API, which sends credentials
/// with every request (a cover grid is dozens at once), so a sign-in here starts no session
/// and, once warm, costs what checking an access token costs: one indexed read, no bcrypt.
///
/// - The account's password, sent as is (`p`): bcrypt once, then `PasswordMemo`.
/// - Its app password, as is or as a token (md5 of it and a salt, `t` and `s`): the
///   server must read it back for the token, so it is generated, not chosen, and sealed
///   (`CredentialSeal`).
/// - Its API key alone, found by its hash.
///
/// Every refusal that is a wrong credential counts in the same limits as `/auth/token`
/// (`LoginThrottle`, per account and address), and a locked account or address is refused
/// whatever it sends. A disabled account is refused at once by every mechanism: each
/// request reads the account afresh. No credential reaches a log.
public final class AppSignIn: Sendable {
    let catalog: Catalog
    let seal: CredentialSeal
    let hasher: PasswordHasher
    let throttle: LoginThrottle
    let decoy: DecoyHash
    let memo: PasswordMemo
    let adminEmails: Set<String>
    let logger: Logger

    init(
        catalog: Catalog, seal: CredentialSeal, hasher: PasswordHasher, throttle: LoginThrottle, decoy: DecoyHash,
        memo: PasswordMemo = PasswordMemo(), adminEmails: Set<String>, logger: Logger
    ) {
        self.catalog = catalog
        self.seal = seal
        self.hasher = hasher
        self.throttle = throttle
        self.decoy = decoy
        self.memo = memo
        self.adminEmails = adminEmails
        self.logger = logger
    }

    // MARK: Signing in

    /// `name` (the app user name or the email) with a password: the app password, or the
    /// account's own.
    public func signIn(name: String, password: String, address: String) async throws -> User {
        let group = ClientAddressGroup.key(for: address)
        let account = try await catalog.appAccount(signingInAs: name)
        let limitKey = Self.limitKey(account, name)
        try throttle.check(account: limitKey, address: group)
        if let account, !account.user.disabled, let appPassword = appPassword(of: account),
           Self.equalInConstantTime(password, appPassword)
        {
            return try await accept(account, group: group)
        }
        // A password no account can have (and so no app password either, which is always
        // 23 characters) is wrong whatever the account, as for /auth/token: answered at
        // once, nothing counted, nothing learnt.
        guard let candidate = PasswordPolicy.candidate(password) else {
            logger.notice("failed app sign-in", metadata: ["address": "\(address)", "mechanism": "password", "reason": "impossible password"])
            throw Accounts.wrongCredentials
        }
        if let account, account.user.hasPassword {
            let hash = account.user.hashedPassword
            let check: @Sendable () async throws -> Bool = { [hasher] in try await hasher.verify(candidate, against: hash) }
            // A disabled account pays the same bcrypt check as a wrong password, so the
            // time of the answer does not confirm the password; it is never remembered.
            let matches = account.user.disabled
                ? try await check()
                : try await memo.verify(
                    password, basis: .init(userID: account.user.id, passwordHash: hash, generation: account.generation), check: check)
            if matches, !account.user.disabled { return try await accept(account, group: group) }
        } else {
            _ = try await hasher.verify(candidate, against: try await decoy.hash(with: hasher))
        }
        throw refusal(limitKey, group: group, address: address, mechanism: "password", disabled: account?.user.disabled == true)
    }

    /// `name` with a token: `token` must be the lower-case hex md5 of the app password
    /// followed by `salt`. Any salt is taken, the same one again too: apps keep one for a
    /// whole session.
    public func signIn(name: String, token: String, salt: String, address: String) async throws -> User {
        let group = ClientAddressGroup.key(for: address)
        let account = try await catalog.appAccount(signingInAs: name)
        let limitKey = Self.limitKey(account, name)
        try throttle.check(account: limitKey, address: group)
        // Nothing to check the token against, which is no guess either: not counted.
        guard let account, let appPassword = appPassword(of: account) else { throw AppSignInError.noAppPassword }
        let expected = LowercaseHex.string(Insecure.MD5.hash(data: Data((appPassword + salt).utf8)))
        guard Self.equalInConstantTime(token.lowercased(), expected), !account.user.disabled else {
            throw refusal(limitKey, group: group, address: address, mechanism: "token", disabled: account.user.disabled)
        }
        return try await accept(account, group: group)
    }

    /// An API key alone. A key is 256 random bits: an unknown one is no guess worth
    /// counting, and counting it would let one forgotten phone with a revoked key lock its
    /// whole household out. A known key still obeys the account's locks.
    public func signIn(apiKey: String, address: String) async throws -> User {
        guard !apiKey.isEmpty, apiKey.utf8.count <= AppSecrets.maximumAPIKeyLength,
              let account = try await catalog.appAccount(apiKeyHash: AppSecrets.lookupHash(ofAPIKey: apiKey))
        else {
            logger.notice("failed app sign-in", metadata: ["address": "\(address)", "mechanism": "api key", "reason": "unknown key"])
            throw AppSignInError.invalidAPIKey
        }
        let group = ClientAddressGroup.key(for: address)
        try throttle.check(account: account.user.email, address: group)
        guard !account.user.disabled else {
            logger.notice("failed app sign-in", metadata: ["address": "\(address)", "mechanism": "api key", "reason": "account disabled"])
            throw AppSignInError.invalidAPIKey
        }
        return try await accept(account, group: group)
    }

    // MARK: The user's own credentials

    /// The user name, and the app password and API key if made.
    public func credentials(of user: User) async throws -> AppCredentials {
        guard let account = try await catalog.appAccount(userID: user.id) else { throw HostError.notFound(kind: "user", id: user.id) }
        guard let username = account.username else {
            // Every account gets its name when it is made; this one (from a path that
            // forgot) gets it now.
            _ = try await catalog.pool.write { db in try Catalog.assignAppUserName(db, userID: user.id, email: user.email) }
            return try await credentials(of: user)
        }
        let password = appPassword(of: account)
        let key = account.sealedAPIKey.flatMap { seal.open($0, kind: .apiKey, userID: user.id) }
        if (account.sealedAppPassword != nil && password == nil) || (account.sealedAPIKey != nil && key == nil) {
            logger.warning("app credentials do not open with db/subsonic-key (restored without it?); the user can make new ones",
                           metadata: ["user": "\(user.id)"])
        }
        return AppCredentials(username: username, appPassword: password, apiKey: key)
    }

    /// Makes a new app password and API key (the first ones, or in place of the old ones,
    /// which stop working at once).
    public func rotate(for user: User) async throws -> AppCredentials {
        let password = AppSecrets.appPassword()
        let key = AppSecrets.apiKey()
        try await catalog.storeAppSecrets(
            userID: user.id, email: user.email, sealedPassword: try seal.seal(password, kind: .appPassword, userID: user.id),
            sealedAPIKey: try seal.seal(key, kind: .apiKey, userID: user.id), apiKeyHash: AppSecrets.lookupHash(ofAPIKey: key))
        logger.info("app credentials made", metadata: ["user": "\(user.id)"])
        return try await credentials(of: user)
    }

    /// Removes the app password and API key: apps using them stop at once.
    public func revoke(for user: User) async throws {
        try await catalog.storeAppSecrets(userID: user.id, email: user.email, sealedPassword: nil, sealedAPIKey: nil, apiKeyHash: nil)
        logger.info("app credentials revoked", metadata: ["user": "\(user.id)"])
    }

    // MARK: Parts

    private func appPassword(of account: AppAccount) -> String? {
        account.sealedAppPassword.flatMap { seal.open($0, kind: .appPassword, userID: account.user.id) }
    }

    private func accept(_ account: AppAccount, group: String) async throws -> User {
        throttle.recordSuccess(account: account.user.email, address: group)
        return try await catalog.promoteIfListed(account.user, adminEmails: adminEmails)
    }

    /// Counts a failed sign-in and says so in the log (never what was sent).
    private func refusal(_ limitKey: String, group: String, address: String, mechanism: String, disabled: Bool) -> AccountError {
        throttle.recordFailure(account: limitKey, address: group)
        var metadata: Logger.Metadata = ["address": "\(address)", "mechanism": "\(mechanism)"]
        if disabled { metadata["reason"] = "account disabled" }
        logger.notice("failed app sign-in", metadata: metadata)
        return Accounts.wrongCredentials
    }

    /// The key of the sign-in limits: the account's email whichever name was used (so the
    /// user name and the email share one count with /auth/token), else the name as sent.
    private static func limitKey(_ account: AppAccount?, _ name: String) -> String {
        account?.user.email ?? name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// Whether two secrets are equal, in a time that depends on their lengths only.
    /// Hand-written: swift-crypto keeps its constant-time comparison internal.
    static func equalInConstantTime(_ sent: String, _ secret: String) -> Bool {
        let left = Array(sent.utf8)
        let right = Array(secret.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
