import Foundation
import Logging
import Synchronization

/// Where an offline playlist's caching stands.
public struct OfflineStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable {
        /// Not an offline playlist.
        case off
        /// Downloads are running.
        case caching
        /// Every track is on this disk.
        case done
        /// Not running, and some tracks could not be cached (see `problems`); the next
        /// change to the playlist or restart tries again.
        case incomplete
    }

    public var state: State
    public var cached: Int
    public var total: Int
    public var failed: Int
    public var problems: [String]
}

/// Keeps offline playlists on this disk: caches their tracks through the shared cache in
/// the background, when switched on, when tracks are added, and at start-up.
public final class OfflinePlaylists: Sendable {
    let catalog: Catalog
    let startJob: @Sendable ([String]) -> CacheJob
    let logger: Logger
    /// The jobs of each playlist: those running, and the last finished ones until the next
    /// sync (their failures explain an incomplete playlist).
    private let jobs = Mutex<[String: [CacheJob]]>([:])

    init(catalog: Catalog, logger: Logger, startJob: @escaping @Sendable ([String]) -> CacheJob) {
        self.catalog = catalog
        self.logger = logger
        self.startJob = startJob
    }

    /// Starts caching what the playlist lacks and no running job already covers (the
    /// shared cache is single-flight, so an overlap would cost nothing anyway).
    func sync(playlistID: String) async {
        do {
            let missing = try await catalog.uncachedTrackIDs(playlistID: playlistID)
            jobs.withLock { jobs in
                let running = (jobs[playlistID] ?? []).filter(\.progress.running)
                let covered = Set(running.flatMap(\.trackIDs))
                let pending = missing.filter { !covered.contains($0) }
                jobs[playlistID] = pending.isEmpty ? running : running + [startJob(pending)]
            }
        } catch {
            logger.error("cannot read an offline playlist", metadata: ["playlist": "\(playlistID)", "error": "\(error)"])
        }
    }

    /// Stops caching for a playlist switched off or deleted. What is cached stays cached.
    func stop(playlistID: String) {
        for job in jobs.withLock({ $0.removeValue(forKey: playlistID) }) ?? [] { job.cancel() }
    }

    /// Resumes every offline playlist (at start-up).
    func resumeAll() async {
        for id in (try? await catalog.offlinePlaylistIDs()) ?? [] {
            await sync(playlistID: id)
        }
    }

    func status(of summary: PlaylistSummary) -> OfflineStatus {
        guard summary.playlist.isOffline else {
            return OfflineStatus(state: .off, cached: summary.cachedCount, total: summary.trackCount, failed: 0, problems: [])
        }
        let progress = jobs.withLock { ($0[summary.playlist.id] ?? []).map(\.progress) }
        let state: OfflineStatus.State =
            if progress.contains(where: \.running) { .caching }
            else if summary.cachedCount >= summary.trackCount { .done }
            else { .incomplete }
        return OfflineStatus(
            state: state, cached: summary.cachedCount, total: summary.trackCount,
            failed: progress.reduce(0) { $0 + $1.failed }, problems: Array(progress.flatMap(\.problems).prefix(10)))
    }

    /// Waits for the playlist's running job, if any (tests, shutdown).
    public func waitForCaching(playlistID: String) async {
        for job in jobs.withLock({ $0[playlistID] }) ?? [] { await job.wait() }
    }
}
