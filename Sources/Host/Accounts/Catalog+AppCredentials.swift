import Foundation
import GRDB

/// An account as a phone or desktop app signs in with it, read in one indexed query: the
/// user (disabled or not, with its password hash), its app user name, and its sealed app
/// password and API key.
struct AppAccount: Sendable {
    var user: User
    /// Nil only for an account made by a path that forgot to name it.
    var username: String?
    var sealedAppPassword: Data?
    var sealedAPIKey: Data?
    /// Changes with every rotation and revocation, so what was learnt before is known stale.
    var generation: Int

    init(row: Row) throws {
        user = try User(row: row)
        username = row["app_username"]
        user.storedAppUserName = username
        sealedAppPassword = row["app_password"]
        sealedAPIKey = row["app_api_key"]
        generation = row["app_generation"] ?? 0
    }
}

extension Catalog {
    private static let appAccountColumns = """
        users.*, subsonic_credentials.username AS app_username, subsonic_credentials.app_password AS app_password,
        subsonic_credentials.api_key AS app_api_key, subsonic_credentials.generation AS app_generation
        """

    /// The account an app names in `u`: its app user name, or its email (the two never
    /// look alike: a user name has no `@`). Lower-cased first, as phone keyboards like to
    /// capitalise. One read through a unique index, as every request of an app runs it.
    func appAccount(signingInAs name: String) async throws -> AppAccount? {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if key.contains("@") {
            guard key.utf8.count <= 254 else { return nil }
            return try await rememberedAppAccount("email:" + key, where: "users.username = ?", key)
        }
        guard AppUserName.isPlausible(key) else { return nil }
        return try await rememberedAppAccount("name:" + key, where: "subsonic_credentials.username = ?", key)
    }

    /// The account whose API key hashes to `hash`.
    func appAccount(apiKeyHash hash: String) async throws -> AppAccount? {
        try await rememberedAppAccount("key:" + hash, where: "subsonic_credentials.api_key_hash = ?", hash)
    }

    /// An app's sign-in reads its account on every request (a cover grid is dozens at once):
    /// from `appAccounts` when a read found it lately and nothing was committed to `users`
    /// or `subsonic_credentials` since (a disabled account, a rotated or revoked secret, a
    /// renamed or deleted user is seen by the very next request). An unknown name is not
    /// remembered, so guesses add nothing.
    private func rememberedAppAccount(_ cacheKey: String, where condition: String, _ value: String) async throws -> AppAccount? {
        if let account = appAccounts.value(forKey: cacheKey, now: Date()) { return account }
        let ticket = appAccounts.ticket()
        guard let account = try await appAccount(where: condition, value) else { return nil }
        appAccounts.remember(account, forKey: cacheKey, ticket: ticket)
        return account
    }

    func appAccount(userID: String) async throws -> AppAccount? {
        try await appAccount(where: "users.id = ?", userID)
    }

    private func appAccount(where condition: String, _ value: String) async throws -> AppAccount? {
        let sql = """
            SELECT \(Self.appAccountColumns) FROM users
            LEFT JOIN subsonic_credentials ON subsonic_credentials.user_id = users.id
            WHERE \(condition)
            """
        return try await pool.read { db in
            try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [value]).map(AppAccount.init(row:))
        }
    }

    /// Replaces an account's app password and API key (sealed), or removes both (nil),
    /// moving its generation on either way. The user name is made first if missing.
    func storeAppSecrets(
        userID: String, email: String, sealedPassword: Data?, sealedAPIKey: Data?, apiKeyHash: String?, now: Date = Date()
    ) async throws {
        try await pool.write { db in
            _ = try Self.assignAppUserName(db, userID: userID, email: email)
            try db.execute(
                sql: """
                    UPDATE subsonic_credentials
                    SET app_password = ?, api_key = ?, api_key_hash = ?, generation = generation + 1, changed_at = ?
                    WHERE user_id = ?
                    """,
                arguments: [sealedPassword, sealedAPIKey, apiKeyHash, now, userID])
        }
    }

    /// Gives an account its app user name (inside the caller's write), unless it has one:
    /// the email's `AppUserName.base`, with 2, 3... added while another account holds it.
    @discardableResult
    static func assignAppUserName(_ db: Database, userID: String, email: String) throws -> String {
        if let existing = try String.fetchOne(db, sql: "SELECT username FROM subsonic_credentials WHERE user_id = ?", arguments: [userID]) {
            return existing
        }
        let base = AppUserName.base(forEmail: email)
        // Each try is one indexed read; a family's server has a handful of accounts, and
        // the bound keeps a damaged table from looping for ever.
        for attempt in 1...9_999 {
            let name = AppUserName.candidate(base, attempt: attempt)
            let taken = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM subsonic_credentials WHERE username = ?)", arguments: [name]) ?? false
            if !taken {
                try db.execute(sql: "INSERT INTO subsonic_credentials (user_id, username) VALUES (?, ?)", arguments: [userID, name])
                return name
            }
        }
        throw HostError.conflict("no free app user name is left for \(base); ask the admin")
    }
}
