import Foundation
import GRDB

/// Accounts as apps look them up by name (Subsonic's getUser and getUsers): a person sees
/// their own, an admin anyone's.
extension Accounts {
    /// The account `name` (its app user name or its email) names, as `viewer` may see it.
    /// Someone else's is for admins only; an admin asking for a name no account has gets
    /// "not found".
    public func profile(named name: String, for viewer: User) async throws -> User {
        if viewer.isNamed(name) { return viewer }
        guard viewer.isAdmin else {
            throw AccountError.forbidden(code: "not_admin", message: "only an admin can look at another account")
        }
        guard let user = try await account(named: name) else { throw HostError.notFound(kind: "user", id: name) }
        return user
    }

    /// Every account, oldest first, for an admin.
    public func profiles(for viewer: User) async throws -> [User] {
        guard viewer.isAdmin else {
            throw AccountError.forbidden(code: "not_admin", message: "only an admin can list the accounts")
        }
        return try await list()
    }

    /// The account whose email or app user name is `name`, with its stored user name.
    func account(named name: String) async throws -> User? {
        try await catalog.appAccount(signingInAs: name)?.user
    }
}
