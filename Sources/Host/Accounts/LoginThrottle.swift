import Foundation
import Synchronization

/// Counts failed sign-ins per account and per client address over a sliding window, so a
/// password cannot be guessed by brute force. In memory: a restart forgets, which is fine
/// for a home server (an attacker cannot restart it).
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        var perAccount = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
    }

    let limits: Limits
    private let failures = Mutex<[String: [Date]]>([:])

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Throws `throttled` when either key has used up its failures within the window.
    func check(account: String, address: String, now: Date = Date()) throws {
        let wait = failures.withLock { table -> TimeInterval in
            max(
                Self.wait(&table, key: "account:" + account, limit: limits.perAccount, window: limits.window, now: now),
                Self.wait(&table, key: "address:" + address, limit: limits.perAddress, window: limits.window, now: now))
        }
        if wait > 0 { throw AccountError.throttled(retryAfterSeconds: Int(wait.rounded(.up))) }
    }

    func recordFailure(account: String, address: String, now: Date = Date()) {
        failures.withLock { table in
            table["account:" + account, default: []].append(now)
            table["address:" + address, default: []].append(now)
            // Bound the memory an attacker with many addresses can use.
            if table.count > 10_000 {
                table = table.filter { $0.value.last.map { now.timeIntervalSince($0) < limits.window } ?? false }
            }
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    func recordSuccess(account: String) {
        _ = failures.withLock { $0.removeValue(forKey: "account:" + account) }
    }

    private static func wait(_ table: inout [String: [Date]], key: String, limit: Int, window: TimeInterval, now: Date) -> TimeInterval {
        guard var times = table[key] else { return 0 }
        times.removeAll { now.timeIntervalSince($0) >= window }
        table[key] = times.isEmpty ? nil : times
        guard times.count >= limit, let oldest = times.first else { return 0 }
        return window - now.timeIntervalSince(oldest)
    }
}
