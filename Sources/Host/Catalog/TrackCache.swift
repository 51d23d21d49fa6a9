import Foundation
import GRDB
import Synchronization

/// The catalog rows of recently read tracks, by id, so that a stream's requests (a player
/// asks for a track in many ranges) do not each read SQLite: that read and its two thread
/// hops were the largest cost of a small `/stream` answer after the token check, by perf.
///
/// Only the row is kept, never the file: every request still opens and checks the file
/// (`StreamResolver`), so a file replaced, changed or removed is seen at once.
///
/// The rows stay exact for this process's writes: any committed transaction that changed the
/// `tracks` table empties the cache (a GRDB transaction observer, called on the writer's
/// queue before the write returns). A row read while such a transaction commits is not kept
/// (the generation it was read under is gone). Writes by another process (the `myspotify
/// scan` command while the server runs) are not observed: a row is used for `maximumAge`
/// at most, after which it is read again.
final class TrackCache: TransactionObserver, Sendable {
    private struct Entry {
        let track: Track
        let readAt: ContinuousClock.Instant
    }

    private struct State {
        var generation: UInt64 = 0
        var rows: [String: Entry] = [:]
        /// A change to `tracks` in the transaction being written (writer queue only).
        var pendingChange = false
    }

    private let state = Mutex(State())
    /// The most rows kept; past it an arbitrary one makes room (a player's tracks are read
    /// again soon, so which one goes matters little).
    let limit: Int
    let maximumAge: Duration

    init(limit: Int = 512, maximumAge: Duration = .seconds(2)) {
        self.limit = limit
        self.maximumAge = maximumAge
    }

    /// The generation a read starts under: take it before the read, give it to `keep`.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// The cached row of `id`, if it is fresh.
    func track(id: String, now: ContinuousClock.Instant = .now) -> Track? {
        state.withLock { state in
            guard let entry = state.rows[id] else { return nil }
            guard now - entry.readAt < maximumAge else {
                state.rows[id] = nil
                return nil
            }
            return entry.track
        }
    }

    /// Keeps a row read from the catalog, unless `tracks` changed since `generation`.
    func keep(_ track: Track, readUnder generation: UInt64, at now: ContinuousClock.Instant = .now) {
        guard limit > 0 else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.rows[track.id] == nil, state.rows.count >= limit, let any = state.rows.keys.first {
                state.rows[any] = nil
            }
            state.rows[track.id] = Entry(track: track, readAt: now)
        }
    }

    /// Rows kept now, fresh or not (for tests).
    var count: Int { state.withLock { $0.rows.count } }

    /// Whether a row of `id` is kept, fresh or not (for tests).
    func holds(_ id: String) -> Bool { state.withLock { $0.rows[id] != nil } }

    private func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.rows.removeAll(keepingCapacity: true)
            state.pendingChange = false
        }
    }

    // MARK: TransactionObserver

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == Track.databaseTableName
    }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.pendingChange = true }
        // One event says enough; a scan's thousands of rows need not each call in.
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidChange() {
        // Changes GRDB could not see itself, announced with `notifyChanges(in:)`.
        state.withLock { $0.pendingChange = true }
    }

    func databaseDidCommit(_ db: Database) {
        if state.withLock({ $0.pendingChange }) { invalidate() }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.pendingChange = false }
    }
}
