import Foundation
import GRDB
import Synchronization

/// The live sessions that signed-in requests used lately, with their users, so that a valid
/// access token costs no database read (`Catalog.activeUser`).
///
/// A `CommitClearedCache` of `users` and `sessions`: every committed write to either
/// (sign-out, rotation, a replayed refresh token, sign-out everywhere, a password change or
/// reset, disabling, deleting, a role change, a Google link, a new sign-in) empties it
/// before that write returns to its caller, and the next request of each session pays one
/// read again. A read that began before such a commit is not remembered.
///
/// Bounded: at `capacity` entries, remembering one more drops one arbitrary entry (the
/// session it held pays one read at its next request). Only a session that checked out
/// in the database gets an entry, so a stream of bad tokens adds nothing.
///
/// Writes by another process (the `myspotify` command line on the same data folder, the
/// sqlite3 shell) are not seen; the command line only creates accounts, which affects no
/// live session.
final class LiveSessions: Sendable {
    typealias Ticket = CommitClearedCache<User>.Ticket

    /// Sessions by id, with their users; emptied by commits to `users` and `sessions`.
    let cache: CommitClearedCache<User>

    /// Most entries kept (a household has a few dozen devices).
    var capacity: Int { cache.capacity }

    init(capacity: Int = 1024) {
        cache = CommitClearedCache(tables: [User.databaseTableName, Session.databaseTableName], capacity: capacity)
    }

    /// The user of session `sessionID` if remembered, still the token's `userID`, and not
    /// expired at `now`; nil means: read the database.
    func user(sessionID: String, userID: String, now: Date) -> User? {
        guard let user = cache.value(forKey: sessionID, now: now), user.id == userID else { return nil }
        return user
    }

    func ticket() -> Ticket { cache.ticket() }

    /// Remembers a live session read from the database, unless something was committed
    /// to `users` or `sessions` since `ticket` was taken.
    func remember(_ user: User, sessionID: String, expiresAt: Date, ticket: Ticket) {
        cache.remember(user, forKey: sessionID, expiresAt: expiresAt, ticket: ticket)
    }

    /// How many entries are held (for tests and the bound).
    var count: Int { cache.count }
}
