import Foundation
import Synchronization

/// The last thing that went wrong with each source (a failed or timed-out search, a failed
/// download), for the admin's sources page: "healthy" says whether it works now, this
/// says what broke last and when.
public final class SourceErrors: Sendable {
    public struct Entry: Sendable, Codable, Equatable {
        public var message: String
        public var at: Date
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    func record(source: String, message: String, at time: Date = Date()) {
        entries.withLock { $0[source] = Entry(message: message, at: time) }
    }

    public func last(for source: String) -> Entry? {
        entries.withLock { $0[source] }
    }
}
