import Synchronization

/// The hash a password is compared against when the account does not exist, so a wrong
/// name costs the same time as a wrong password and does not reveal which accounts exist.
/// Made at the first such sign-in, not at start-up: every command that opens the accounts
/// (`user ls`) would otherwise pay a bcrypt hash for nothing.
final class DecoyHash: Sendable {
    private let made = Mutex<String?>(nil)
    private static let password = BcryptPassword("decoy password of no account")!

    /// Two first sign-ins at once may both make one; either serves, so no lock is held
    /// across the (slow) hash.
    func hash(with hasher: PasswordHasher) async throws -> String {
        if let hash = made.withLock({ $0 }) { return hash }
        let hash = try await hasher.hashForSignIn(Self.password)
        made.withLock { $0 = $0 ?? hash }
        return hash
    }
}
