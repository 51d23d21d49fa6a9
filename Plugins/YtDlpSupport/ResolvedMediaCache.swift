import Foundation
import SourceAPI

/// Items resolved ahead of a play, kept for a short while and in bounded number.
///
/// An entry lives `lifetime`, and never past a minute before its URL says it expires (a
/// YouTube URL's `expire=`); a play takes its entry, so a URL is used once and a retry
/// resolves afresh. Times are wall-clock dates because that is what URLs state.
struct ResolvedMediaCache: Sendable {
    let capacity: Int
    let lifetime: TimeInterval
    /// Left between an entry's end and its URL's stated expiry.
    static let expiryMargin: TimeInterval = 60

    private var entries: [RemoteRef: (item: ExtractedItem, expires: Date)] = [:]

    init(capacity: Int, lifetime: TimeInterval) {
        self.capacity = max(1, capacity)
        self.lifetime = lifetime
    }

    var count: Int { entries.count }

    /// When an item resolved at `now` stops being good to use; nil when it already is not.
    func expiry(of item: ExtractedItem, at now: Date) -> Date? {
        guard item.media != nil else { return nil }
        var end = now.addingTimeInterval(lifetime)
        if let stated = item.media?.expiry { end = min(end, stated.addingTimeInterval(-Self.expiryMargin)) }
        return end > now ? end : nil
    }

    /// Keeps `item` for `ref`, making room by dropping what expired, then what expires soonest.
    mutating func insert(_ item: ExtractedItem, for ref: RemoteRef, at now: Date) {
        guard let expires = expiry(of: item, at: now) else { return }
        if entries[ref] == nil, entries.count >= capacity {
            entries = entries.filter { $0.value.expires > now }
            if entries.count >= capacity, let soonest = entries.min(by: { $0.value.expires < $1.value.expires })?.key {
                entries[soonest] = nil
            }
        }
        entries[ref] = (item, expires)
    }

    /// Whether a good entry for `ref` is kept.
    func contains(_ ref: RemoteRef, at now: Date) -> Bool {
        entries[ref].map { $0.expires > now } ?? false
    }

    /// The entry for `ref`, removed; nil when there is none or it expired.
    mutating func take(_ ref: RemoteRef, at now: Date) -> ExtractedItem? {
        guard let entry = entries.removeValue(forKey: ref), entry.expires > now else { return nil }
        return entry.item
    }

    /// The entry for `ref`, kept.
    func peek(_ ref: RemoteRef, at now: Date) -> ExtractedItem? {
        guard let entry = entries[ref], entry.expires > now else { return nil }
        return entry.item
    }
}
