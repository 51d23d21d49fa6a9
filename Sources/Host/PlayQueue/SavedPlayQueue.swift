import Foundation

/// One person's play queue as it is kept: the tracks in play order (a track may come more
/// than once), which one is current, and how far into it playback was.
struct SavedPlayQueue: Sendable, Equatable {
    var trackIDs: [String]
    /// An index into `trackIDs`; nil exactly when the queue is empty.
    var currentIndex: Int?
    var positionMilliseconds: Int
    var changedAt: Date
    /// The app that saved it.
    var changedBy: String

    /// The queue without the tracks that are not in `known` (removed from the catalog since
    /// it was saved). The current track stays current; when it is gone, the next track that
    /// is left becomes current (or the last one, when none follows), from its start.
    func keeping(_ known: Set<String>) -> SavedPlayQueue {
        var kept: [String] = []
        var index: Int?
        var position = positionMilliseconds
        for (offset, id) in trackIDs.enumerated() where known.contains(id) {
            if index == nil, let current = currentIndex, offset >= current {
                index = kept.count
                if offset != current { position = 0 }
            }
            kept.append(id)
        }
        if index == nil, !kept.isEmpty {
            index = kept.count - 1
            position = 0
        }
        return SavedPlayQueue(
            trackIDs: kept, currentIndex: kept.isEmpty ? nil : index, positionMilliseconds: kept.isEmpty ? 0 : position,
            changedAt: changedAt, changedBy: changedBy)
    }
}
