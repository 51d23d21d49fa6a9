import Crypto
import Foundation
import Synchronization

/// Account passwords that bcrypt confirmed lately, so an app that sends the account's own
/// password with every request (`u` and `p`) pays one bcrypt check, not one per request: a
/// cover grid fires dozens at once, and each check costs a few hundred milliseconds.
///
/// - An entry is keyed by the account and an HMAC of the password under a key made at
///   start and never stored: the memo holds no password, and nothing that tests one
///   outside this process.
/// - It is good only for the password hash and the credential generation it was checked
///   against, and for an enabled account: the caller passes what it has just read, so a
///   password change, a rotation, a disabled or deleted account make it useless at once,
///   whichever process made the change.
/// - Bounded in size (`limits.entries`, the oldest go first) and in time (`limits.lifetime`
///   from the check, not from the last use).
/// - Checks of the same password for the same account running at once share one bcrypt
///   job (the first request of a cover grid arrives with all the others).
final class PasswordMemo: Sendable {
    struct Limits: Sendable {
        var entries = 1_024
        var lifetime: Duration = .seconds(15 * 60)
    }

    /// What a remembered check stands for.
    struct Basis: Sendable, Equatable {
        var userID: String
        var passwordHash: String
        var generation: Int
    }

    private struct Entry {
        var basis: Basis
        var expires: ContinuousClock.Instant
    }

    private struct State {
        var entries: [Data: Entry] = [:]
        var running: [Data: (basis: Basis, check: Task<Bool, any Error>, id: UUID)] = [:]
    }

    let limits: Limits
    private let key = SymmetricKey(size: .bits256)
    private let state = Mutex(State())

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Whether `password` is the account's, as `check` (bcrypt) says, asking it only when
    /// no live entry for this `basis` says so already.
    func verify(
        _ password: String, basis: Basis, check: @escaping @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let key = entryKey(userID: basis.userID, password: password)
        let now = ContinuousClock.now
        let job = state.withLock { held -> Task<Bool, any Error>? in
            if let entry = held.entries[key], entry.basis == basis, entry.expires > now { return nil }
            if let running = held.running[key], running.basis == basis { return running.check }
            let id = UUID()
            let job = Task { [self] in
                // Only this job's own place: a check for another hash may have taken the key.
                defer { state.withLock { if $0.running[key]?.id == id { $0.running[key] = nil } } }
                let matches = try await check()
                if matches { remember(key, basis: basis) }
                return matches
            }
            held.running[key] = (basis, job, id)
            return job
        }
        guard let job else { return true }
        return try await job.value
    }

    /// Entries held now (for tests and the bound).
    var count: Int { state.withLock { $0.entries.count } }

    private func remember(_ key: Data, basis: Basis) {
        let now = ContinuousClock.now
        state.withLock { state in
            if state.entries.count >= limits.entries {
                state.entries = state.entries.filter { $0.value.expires > now }
                if state.entries.count >= limits.entries,
                   let oldest = state.entries.min(by: { $0.value.expires < $1.value.expires })?.key
                {
                    state.entries[oldest] = nil
                }
            }
            state.entries[key] = Entry(basis: basis, expires: now + limits.lifetime)
        }
    }

    private func entryKey(userID: String, password: String) -> Data {
        var message = Data(userID.utf8)
        message.append(0)
        message.append(contentsOf: password.utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }
}
