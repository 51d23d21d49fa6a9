import Foundation
import Synchronization

/// What happened last when each source was used (a search, a download): the last failure
/// in full for the admin's sources page, and whether the latest outcome was a failure, so
/// a source whose searches and downloads fail is not called healthy just because its tool
/// still starts (`yt-dlp --version`).
public final class SourceErrors: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        /// The failure in full: tool output, paths, URLs (admins only).
        public var message: String
        public var at: Date
        /// The same failure in a plain sentence ("YouTube could not be reached: ...").
        public var summary: String?
        /// What was being done: `search` or `download`.
        public var action: String?
    }

    /// A failure newer than the last success counts for this long: a source nobody has
    /// used since is not called failing forever on an old error.
    public static let failingWindow: TimeInterval = 30 * 60

    private struct Outcomes {
        /// Whatever failed last, for the admin.
        var lastFailure: Entry?
        /// The last failure of the source itself (one with an `action`): an item the source
        /// no longer has is not the source failing.
        var lastSourceFailure: Entry?
        var lastSuccess: Date?
    }

    private let entries = Mutex<[String: Outcomes]>([:])

    public init() {}

    /// A failure; with `action`, one of the source itself (counted by `failing`).
    func record(source: String, message: String, summary: String? = nil, action: SourceFailure.Action? = nil, at time: Date = Date()) {
        let entry = Entry(message: message, at: time, summary: summary, action: action.map { $0 == .search ? "search" : "download" })
        entries.withLock { outcomes in
            outcomes[source, default: Outcomes()].lastFailure = entry
            if action != nil { outcomes[source, default: Outcomes()].lastSourceFailure = entry }
        }
    }

    /// A search or download of `source` that worked.
    func recordSuccess(source: String, at time: Date = Date()) {
        entries.withLock { $0[source, default: Outcomes()].lastSuccess = time }
    }

    public func last(for source: String) -> Entry? {
        entries.withLock { $0[source]?.lastFailure }
    }

    /// The failure that is the latest outcome of using `source` (within `failingWindow`
    /// of `now`), or nil when its last use worked or it has not been used lately.
    public func failing(_ source: String, now: Date = Date()) -> Entry? {
        entries.withLock { outcomes -> Entry? in
            guard let failure = outcomes[source]?.lastSourceFailure, now.timeIntervalSince(failure.at) < Self.failingWindow else { return nil }
            if let success = outcomes[source]?.lastSuccess, success >= failure.at { return nil }
            return failure
        }
    }
}
