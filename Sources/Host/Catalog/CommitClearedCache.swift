import Foundation
import GRDB
import Synchronization

/// A bounded memory of what reads of the catalog found, emptied by every committed write to
/// the tables it watches, so that a hot lookup (the session of an access token, the account
/// a phone app signs in as) costs no database read and a change is still seen at once.
///
/// Forgetting is tied to the data, not to the code paths that change it: this is a
/// transaction observer of the catalog's writer, and a commit that touched one of `tables`
/// empties the whole cache before that write returns to its caller. Such writes are rare
/// next to the reads (sign-ins, token refreshes, admin actions), so emptying everything is
/// cheaper than tracking which entry a row change is about, and it cannot miss one.
///
/// A read that started before such a commit may have seen the old rows; it is not
/// remembered (`Ticket`: any commit in between makes it stale).
///
/// Bounded: at `capacity` entries, remembering one more drops one arbitrary entry (whose
/// next lookup pays one read). An entry may also end at a time of its own (`expiresAt`).
///
/// Writes by another process (the `myspotify` command line on the same data folder, the
/// sqlite3 shell) are not seen until this server itself commits to one of the tables.
final class CommitClearedCache<Value: Sendable>: TransactionObserver, Sendable {
    /// Proof that no change was committed since it was taken: taken before a read, shown
    /// when remembering what the read found.
    struct Ticket: Sendable {
        fileprivate let generation: UInt64
    }

    private struct Entry {
        var value: Value
        var expiresAt: Date?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Moves on at every commit that touched one of the tables.
        var generation: UInt64 = 0
        /// Whether the writer's current transaction touched one of the tables.
        var pendingChange = false
    }

    /// The tables whose committed changes empty the cache.
    let tables: Set<String>
    /// Most entries kept.
    let capacity: Int
    private let state = Mutex(State())

    init(tables: Set<String>, capacity: Int) {
        self.tables = tables
        self.capacity = max(1, capacity)
    }

    /// The value remembered for `key`, unless it has expired at `now`; nil means: read the
    /// database.
    func value(forKey key: String, now: Date) -> Value? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            if let expiresAt = entry.expiresAt, expiresAt <= now {
                state.entries[key] = nil
                return nil
            }
            return entry.value
        }
    }

    func ticket() -> Ticket {
        Ticket(generation: state.withLock { $0.generation })
    }

    /// Remembers what a read found, unless something was committed to the tables since
    /// `ticket` was taken.
    func remember(_ value: Value, forKey key: String, expiresAt: Date? = nil, ticket: Ticket) {
        state.withLock { state in
            guard state.generation == ticket.generation else { return }
            if state.entries[key] == nil, state.entries.count >= capacity {
                state.entries.remove(at: state.entries.startIndex)
            }
            state.entries[key] = Entry(value: value, expiresAt: expiresAt)
        }
    }

    /// How many entries are held (for tests and the bound).
    var count: Int { state.withLock { $0.entries.count } }

    // MARK: TransactionObserver (called on the writer's queue)

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        tables.contains(eventKind.tableName)
    }

    func databaseDidChange() {
        state.withLock { $0.pendingChange = true }
    }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.pendingChange = true }
    }

    func databaseDidCommit(_ db: Database) {
        state.withLock { state in
            guard state.pendingChange else { return }
            state.pendingChange = false
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.pendingChange = false }
    }
}
