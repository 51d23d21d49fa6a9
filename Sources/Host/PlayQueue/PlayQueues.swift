import Foundation

/// Each person's play queue, saved by one device and resumed on another (a phone app through
/// Subsonic's savePlayQueue, the web player through `/api/me/queue`). Private: every call
/// reads or writes the signed-in person's own queue, and nobody else's.
public struct PlayQueues: Sendable {
    let catalog: Catalog
    let viewing: Viewing

    /// The most tracks a queue holds. A phone app that queues a whole library shuffled
    /// sends thousands; a form body of 5,000 ids is about 200 KB, within what is read.
    public static let maximumTracks = 5_000
    /// A position beyond this (about 24 days) is not a place in a track.
    public static let maximumPosition = Int(Int32.max)
    /// The most characters kept of the name of the app that saved the queue.
    public static let maximumClientLength = 100
    /// A track id longer than this is not one of this server's.
    static let maximumIDLength = 100

    /// The person's queue, without the tracks removed from the catalog since it was saved;
    /// an empty queue (with no `changedAt`) when they never saved one.
    public func queue(of user: User) async throws -> PlayQueueView {
        guard let saved = try await catalog.playQueue(userID: user.id) else {
            return PlayQueueView(entries: [], currentIndex: nil, positionMilliseconds: 0, changedAt: nil, changedBy: nil)
        }
        let tracks = try await catalog.tracks(ids: saved.trackIDs)
        let kept = saved.keeping(Set(tracks.keys))
        return PlayQueueView(
            entries: try await viewing.tracks(kept.trackIDs.compactMap { tracks[$0] }, for: user.id),
            currentIndex: kept.currentIndex, positionMilliseconds: kept.positionMilliseconds, changedAt: kept.changedAt,
            changedBy: kept.changedBy)
    }

    /// Replaces the person's queue; an empty `trackIDs` clears it. Refused, changing
    /// nothing, when it is too long, names a track the catalog does not have, or its current
    /// index or position is out of range.
    @discardableResult
    public func save(_ change: PlayQueueChange, for user: User) async throws -> PlayQueueView {
        let ids = change.trackIDs
        guard ids.count <= Self.maximumTracks else {
            throw HostError.invalidInput("a play queue holds at most \(Self.maximumTracks) tracks; this one has \(ids.count)")
        }
        if let bad = ids.first(where: { $0.isEmpty || $0.count > Self.maximumIDLength }) {
            throw HostError.notFound(kind: "track", id: String(bad.prefix(Self.maximumIDLength)))
        }
        guard (0...Self.maximumPosition).contains(change.positionMilliseconds) else {
            throw HostError.invalidInput(
                "the position must be from 0 to \(Self.maximumPosition) milliseconds, got \(change.positionMilliseconds)")
        }
        var index: Int?
        if !ids.isEmpty {
            guard let current = change.currentIndex else {
                throw HostError.invalidInput("say which track of the queue is current")
            }
            guard ids.indices.contains(current) else {
                throw HostError.invalidInput("the current index must be from 0 to \(ids.count - 1), got \(current)")
            }
            index = current
        }
        let saved = SavedPlayQueue(
            trackIDs: ids, currentIndex: index, positionMilliseconds: ids.isEmpty ? 0 : change.positionMilliseconds,
            changedAt: Date(), changedBy: Self.clientName(change.client))
        try await catalog.savePlayQueue(saved, userID: user.id)
        return try await queue(of: user)
    }

    /// An app's name as it may be shown: no control characters, trimmed, bounded; "unknown
    /// app" for none.
    static func clientName(_ name: String?) -> String {
        let visible = String(String.UnicodeScalarView((name ?? "").unicodeScalars.filter { $0.properties.generalCategory != .control }))
            .trimmingCharacters(in: .whitespaces)
        return visible.isEmpty ? "unknown app" : String(visible.prefix(maximumClientLength))
    }
}

/// What a device saves as the person's queue.
public struct PlayQueueChange: Sendable {
    /// In play order; a track may come more than once. Empty clears the queue.
    public var trackIDs: [String]
    /// Which of `trackIDs` is playing (required unless the queue is empty).
    public var currentIndex: Int?
    /// How far into the current track, in milliseconds.
    public var positionMilliseconds: Int
    /// The app saving it (Subsonic's `c`), shown to the next device as `changedBy`.
    public var client: String?

    public init(trackIDs: [String], currentIndex: Int?, positionMilliseconds: Int = 0, client: String?) {
        self.trackIDs = trackIDs
        self.currentIndex = currentIndex
        self.positionMilliseconds = positionMilliseconds
        self.client = client
    }
}

/// A person's play queue as they see it.
public struct PlayQueueView: Sendable {
    public var entries: [TrackView]
    /// Which entry is current; nil exactly when the queue is empty.
    public var currentIndex: Int?
    public var positionMilliseconds: Int
    /// When it was last saved; nil when it never was.
    public var changedAt: Date?
    /// The app that saved it last.
    public var changedBy: String?

    public var current: TrackView? { currentIndex.map { entries[$0] } }
}
