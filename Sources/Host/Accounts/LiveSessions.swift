import Foundation
import GRDB
import Synchronization

/// The live sessions that signed-in requests used lately, with their users, so that a valid
/// access token costs no database read (`Catalog.activeUser`).
///
/// Forgetting is tied to the data, not to the code paths that change it: this is a
/// transaction observer of the catalog's writer, and every committed write to `users` or
/// `sessions` (sign-out, rotation, a replayed refresh token, sign-out everywhere, a
/// password change or reset, disabling, deleting, a role change, a Google link, a new
/// sign-in) empties the whole cache before that write returns to its caller. The next
/// request of each session then pays one read again. Those writes are rare (sign-ins,
/// refreshes every few minutes per device, admin actions), so emptying everything is
/// cheaper than tracking which entry a row change is about, and it cannot miss one.
///
/// A read that started before such a commit may have seen the old rows; it is not
/// remembered (`Ticket`: any commit in between makes it stale).
///
/// Bounded: at `capacity` entries, remembering one more drops one arbitrary entry (the
/// session it held pays one read at its next request). Only a session that checked out
/// in the database gets an entry, so a stream of bad tokens adds nothing.
///
/// Writes by another process (the `myspotify` command line on the same data folder, the
/// sqlite3 shell) are not seen; the command line only creates accounts, which affects no
/// live session.
final class LiveSessions: TransactionObserver, Sendable {
    /// Proof that no change was committed since it was taken: taken before a read, shown
    /// when remembering what the read found.
    struct Ticket: Sendable {
        fileprivate let generation: UInt64
    }

    private struct Entry {
        var user: User
        var expiresAt: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Moves on at every commit that touched `users` or `sessions`.
        var generation: UInt64 = 0
        /// Whether the writer's current transaction touched `users` or `sessions`.
        var pendingChange = false
    }

    /// Most entries kept (a household has a few dozen devices).
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int = 1024) {
        self.capacity = max(1, capacity)
    }

    /// The user of session `sessionID` if remembered, still the token's `userID`, and not
    /// expired at `now`; nil means: read the database.
    func user(sessionID: String, userID: String, now: Date) -> User? {
        state.withLock { state in
            guard let entry = state.entries[sessionID] else { return nil }
            guard entry.user.id == userID, entry.expiresAt > now else {
                if entry.expiresAt <= now { state.entries[sessionID] = nil }
                return nil
            }
            return entry.user
        }
    }

    func ticket() -> Ticket {
        Ticket(generation: state.withLock { $0.generation })
    }

    /// Remembers a live session read from the database, unless something was committed
    /// to `users` or `sessions` since `ticket` was taken.
    func remember(_ user: User, sessionID: String, expiresAt: Date, ticket: Ticket) {
        state.withLock { state in
            guard state.generation == ticket.generation else { return }
            if state.entries[sessionID] == nil, state.entries.count >= capacity {
                state.entries.remove(at: state.entries.startIndex)
            }
            state.entries[sessionID] = Entry(user: user, expiresAt: expiresAt)
        }
    }

    /// How many entries are held (for tests and the bound).
    var count: Int { state.withLock { $0.entries.count } }

    // MARK: TransactionObserver (called on the writer's queue)

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == User.databaseTableName || eventKind.tableName == Session.databaseTableName
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
