import Foundation
import Synchronization

/// An account's sign-in locks, as the admin sees them.
public struct AccountLockout: Sendable, Equatable {
    /// When the last of its locks ends.
    public var until: Date
    /// Locked from every address (too many failures in all), not only from some.
    public var everywhere: Bool
    /// The addresses (IPv6: their /64) locked out of this account, the latest first, at most 20.
    public var addresses: [String]
}

/// Counts failed sign-ins over sliding windows, so a password cannot be guessed by brute
/// force, without letting a stranger lock the owner out:
/// - per account and address (5 in 15 minutes): the lock a guesser meets; the owner
///   signing in from elsewhere is not held by it;
/// - per account, from every address together (50 in an hour): a slower limit against
///   guesses spread over many addresses. An address the account signed in from in the
///   last 30 days is not held by it, so the owner keeps their way in at home while
///   strangers' addresses are locked;
/// - per address, over every account (20 in 15 minutes).
///
/// In memory: a restart forgets, which is fine for a home server (an attacker cannot
/// restart it). Every failure counted cost a bcrypt check first (on a bounded queue), so
/// the table grows no faster than bcrypt runs, and expired entries are dropped past 10,000.
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        var perAccountAndAddress = 5
        var accountAndAddressWindow: TimeInterval = 15 * 60
        var perAccount = 50
        var accountWindow: TimeInterval = 60 * 60
        var perAddress = 20
        var addressWindow: TimeInterval = 15 * 60
        /// How long a successful sign-in keeps its address known to the account.
        var knownAddressLifetime: TimeInterval = 30 * 24 * 3600
        /// Known addresses kept per account (the oldest go first).
        var knownAddressesPerAccount = 16
    }

    private enum Key: Hashable {
        case pair(account: String, address: String)
        case account(String)
        case address(String)
    }

    private struct Table {
        var failures: [Key: [Date]] = [:]
        /// account -> address -> time of its last successful sign-in.
        var known: [String: [String: Date]] = [:]
    }

    let limits: Limits
    private let table = Mutex(Table())

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Throws `throttled` when any limit this sign-in falls under is used up. `address` is
    /// a `ClientAddressGroup` key.
    func check(account: String, address: String, now: Date = Date()) throws {
        let wait = table.withLock { table -> TimeInterval in
            var wait = max(
                self.wait(&table, .pair(account: account, address: address), now: now),
                self.wait(&table, .address(address), now: now))
            let lastKnown = table.known[account]?[address]
            if lastKnown.map({ now.timeIntervalSince($0) >= limits.knownAddressLifetime }) ?? true {
                wait = max(wait, self.wait(&table, .account(account), now: now))
            }
            return wait
        }
        if wait > 0 {
            throw AccountError.throttled(retryAfterSeconds: Int(wait.rounded(.up)), reason: AccountError.tooManyFailedSignIns)
        }
    }

    func recordFailure(account: String, address: String, now: Date = Date()) {
        table.withLock { table in
            for key in [Key.pair(account: account, address: address), .account(account), .address(address)] {
                table.failures[key, default: []].append(now)
            }
            if table.failures.count > 10_000 {
                table.failures = table.failures.filter { key, times in
                    times.last.map { now.timeIntervalSince($0) < window(of: key).seconds } ?? false
                }
            }
        }
    }

    /// A successful sign-in clears the failures of its account and address (not the
    /// account's count from everywhere, nor the address's), and makes the address known.
    func recordSuccess(account: String, address: String, now: Date = Date()) {
        table.withLock { table in
            table.failures[.pair(account: account, address: address)] = nil
            var known = table.known[account, default: [:]]
            known[address] = now
            if known.count > limits.knownAddressesPerAccount, let oldest = known.min(by: { $0.value < $1.value }) {
                known[oldest.key] = nil
            }
            table.known[account] = known
        }
    }

    /// Lifts every lock of an account (the admin's unlock): its failures from each address
    /// and from everywhere. An address's own lock (over every account) stays.
    func unlock(account: String) {
        table.withLock { table in
            table.failures = table.failures.filter { key, _ in
                switch key {
                case .pair(let owner, _), .account(let owner): owner != account
                case .address: true
                }
            }
        }
    }

    /// The locks holding each account now, by account.
    func lockouts(now: Date = Date()) -> [String: AccountLockout] {
        table.withLock { table in
            var found: [String: (until: Date, everywhere: Bool, addresses: [(String, Date)])] = [:]
            for (key, times) in table.failures {
                let (limit, span) = window(of: key)
                let recent = times.filter { now.timeIntervalSince($0) < span }
                guard recent.count >= limit else { continue }
                let ends = recent[recent.count - limit].addingTimeInterval(span)
                switch key {
                case .pair(let account, let address):
                    var entry = found[account] ?? (ends, false, [])
                    entry.until = max(entry.until, ends)
                    entry.addresses.append((address, ends))
                    found[account] = entry
                case .account(let account):
                    var entry = found[account] ?? (ends, true, [])
                    entry.until = max(entry.until, ends)
                    entry.everywhere = true
                    found[account] = entry
                case .address:
                    continue
                }
            }
            return found.mapValues { entry in
                AccountLockout(
                    until: entry.until, everywhere: entry.everywhere,
                    addresses: entry.addresses.sorted { $0.1 > $1.1 }.prefix(20).map(\.0))
            }
        }
    }

    private func window(of key: Key) -> (limit: Int, seconds: TimeInterval) {
        switch key {
        case .pair: (limits.perAccountAndAddress, limits.accountAndAddressWindow)
        case .account: (limits.perAccount, limits.accountWindow)
        case .address: (limits.perAddress, limits.addressWindow)
        }
    }

    /// How long `key` stays locked (0: not locked), dropping its failures that are too old to count.
    private func wait(_ table: inout Table, _ key: Key, now: Date) -> TimeInterval {
        guard var times = table.failures[key] else { return 0 }
        let (limit, span) = window(of: key)
        times.removeAll { now.timeIntervalSince($0) >= span }
        table.failures[key] = times.isEmpty ? nil : times
        // Locked until enough failures age out to leave fewer than `limit`.
        guard times.count >= limit else { return 0 }
        return span - now.timeIntervalSince(times[times.count - limit])
    }
}
