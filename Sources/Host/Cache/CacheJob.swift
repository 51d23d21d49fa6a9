import Foundation
import Synchronization

/// Progress of caching a list of tracks in the background (an offline playlist).
public struct CacheJobProgress: Sendable, Codable, Equatable {
    public var total: Int
    /// Tracks whose bytes are on this disk (library files count at once).
    public var cached = 0
    public var failed = 0
    public var running = true
    /// Why tracks failed (first few).
    public var problems: [String] = []

    enum CodingKeys: String, CodingKey {
        case total, cached, failed, running, problems
    }
}

/// One background caching job. Downloads go through the shared cache, so they are
/// single-flight and bounded like any other.
public final class CacheJob: Sendable {
    public let trackIDs: [String]
    private let state: Mutex<CacheJobProgress>
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(streams: StreamResolver, trackIDs: [String]) {
        self.trackIDs = trackIDs
        state = Mutex(CacheJobProgress(total: trackIDs.count))
        let work = Task { [self] in
            for id in trackIDs {
                if Task.isCancelled { break }
                do {
                    _ = try await streams.completeFile(trackID: id)
                    state.withLock { $0.cached += 1 }
                } catch {
                    state.withLock { progress in
                        progress.failed += 1
                        if progress.problems.count < 10 { progress.problems.append("\(id): \(error)") }
                    }
                }
            }
            state.withLock { $0.running = false }
        }
        task.withLock { $0 = work }
    }

    public var progress: CacheJobProgress { state.withLock { $0 } }

    /// Waits for the job to end.
    public func wait() async {
        await task.withLock { $0 }?.value
    }

    public func cancel() {
        task.withLock { $0 }?.cancel()
    }
}
