import Foundation
import Synchronization

/// Sign-ups per client address over a sliding hour (`MYSPOTIFY_SIGNUPS_PER_HOUR`, 5 by
/// default): a family signs up a few people at once, a script from one address does not
/// get to make accounts (and bcrypt work) without end. In memory, like `LoginThrottle`.
final class SignUpLimit: Sendable {
    let perHour: Int
    static let window: TimeInterval = 3600
    /// Addresses remembered at most; past it (after dropping the expired), sign-ups from
    /// new addresses wait, so a flood from many addresses cannot grow the table either.
    static let maximumAddresses = 10_000

    private let times = Mutex<[String: [Date]]>([:])

    init(perHour: Int) {
        self.perHour = max(1, perHour)
    }

    /// Counts one sign-up from `address` (a `ClientAddressGroup` key), or throws `throttled`
    /// when the address has used up its hour. Counted before the password is hashed, so
    /// simultaneous sign-ups cannot all pass the check.
    func reserve(address: String, now: Date = Date()) throws {
        let refusal = times.withLock { table -> AccountError? in
            var recent = (table[address] ?? []).filter { now.timeIntervalSince($0) < Self.window }
            if recent.count >= perHour {
                table[address] = recent
                let wait = Self.window - now.timeIntervalSince(recent[recent.count - perHour])
                return .throttled(retryAfterSeconds: Int(wait.rounded(.up)), reason: "too many sign-ups from this address")
            }
            if table[address] == nil, table.count >= Self.maximumAddresses {
                table = table.filter { $0.value.last.map { now.timeIntervalSince($0) < Self.window } ?? false }
                if table.count >= Self.maximumAddresses {
                    let oldest = table.values.compactMap(\.last).min() ?? now
                    let wait = max(1, Self.window - now.timeIntervalSince(oldest))
                    return .throttled(retryAfterSeconds: Int(wait.rounded(.up)), reason: "too many sign-ups on this server just now")
                }
            }
            recent.append(now)
            table[address] = recent
            return nil
        }
        if let refusal { throw refusal }
    }
}
