import Foundation
import SourceAPI

/// yt-dlp's answer for an item was a failure (its message, as the command would print it).
struct ExtractorAnswerFailure: Error, Sendable {
    var type: String
    var message: String
}

/// Resolves item pages on the resident extractor, each item once at a time, and prepares
/// search hits in the background so that a play soon after finds its URL resolved.
///
/// Preparations wait in a bounded line (the oldest is dropped when a newer search needs
/// room) and run one at a time, on a process no play needs (`ExtractorPool`). A play of an
/// item being prepared waits for that answer, which is never later than its own would be;
/// a play of an item still in line takes it out and resolves it itself.
actor ItemResolver {
    struct Settings: Sendable {
        /// Resolved items kept at most.
        var kept = 64
        /// How long a prepared item is good for (less when its URL expires sooner).
        var lifetime: TimeInterval = 120
        /// Preparations waiting at most.
        var waiting = 16
        /// A preparation that takes longer is given up (and its process replaced).
        var timeout: Duration = .seconds(20)
    }

    let pool: ExtractorPool
    private let settings: Settings
    private var cache: ResolvedMediaCache
    private var inFlight: [RemoteRef: Task<ExtractedItem, any Error>] = [:]
    private var line: [(ref: RemoteRef, url: String)] = []
    private var draining: Task<Void, Never>?
    private var settledWaiters: [CheckedContinuation<Void, Never>] = []
    /// Preparations started since start-up (each one request to the extractor).
    private(set) var preparationsStarted = 0

    init(pool: ExtractorPool, settings: Settings = .init()) {
        self.pool = pool
        self.settings = settings
        cache = ResolvedMediaCache(capacity: settings.kept, lifetime: settings.lifetime)
    }

    /// The item at `url`: prepared, being resolved, or resolved now. `consume` (a play)
    /// takes the prepared entry; a resolve leaves what it found for the play that follows.
    /// `fresh` skips what was prepared (it failed). `prepared` says whether no new request
    /// was needed. Throws `ExtractorUnavailable` when the extractor cannot run,
    /// `ExtractorAnswerFailure` when yt-dlp failed on the item.
    func item(for ref: RemoteRef, url: String, timeout: Duration, consume: Bool, fresh: Bool = false) async throws
        -> (item: ExtractedItem, prepared: Bool)
    {
        if !fresh {
            if let item = consume ? cache.take(ref, at: Date()) : cache.peek(ref, at: Date()) { return (item, true) }
            if let running = inFlight[ref], let item = try? await running.value {
                if consume { _ = cache.take(ref, at: Date()) }
                return (item, true)
            }
        }
        line.removeAll { $0.ref == ref }
        let pool = self.pool
        let task = Task { try Self.item(from: try await pool.extract(url, timeout: timeout)) }
        inFlight[ref] = task
        defer { if inFlight[ref] == task { inFlight[ref] = nil } }
        let item = try await task.value
        if !consume { cache.insert(item, for: ref, at: Date()) }
        return (item, false)
    }

    /// Puts items in line to be prepared, best first, unless they are kept, being resolved
    /// or in line already. Returns at once.
    func prepare(_ items: [(ref: RemoteRef, url: String)]) {
        let now = Date()
        for item in items where !cache.contains(item.ref, at: now) && inFlight[item.ref] == nil && !line.contains(where: { $0.ref == item.ref }) {
            line.append(item)
            if line.count > settings.waiting { line.removeFirst() }
        }
        if draining == nil, !line.isEmpty {
            draining = Task { await self.drain() }
        }
    }

    /// Returns when no preparation is waiting or running.
    func settled() async {
        guard draining != nil else { return }
        await withCheckedContinuation { settledWaiters.append($0) }
    }

    /// Whether a prepared item for `ref` is kept now.
    func isPrepared(_ ref: RemoteRef) -> Bool {
        cache.contains(ref, at: Date())
    }

    /// Forgets what waits and stops the extractor's processes.
    func stop() async {
        line = []
        await pool.stop()
    }

    private func drain() async {
        while !line.isEmpty {
            let lease: ExtractorPool.Lease
            do {
                lease = try await pool.lease(for: .preparation)
            } catch {
                line = []
                break
            }
            guard !line.isEmpty else {
                await pool.release(lease)
                break
            }
            let next = line.removeFirst()
            if cache.contains(next.ref, at: Date()) || inFlight[next.ref] != nil {
                await pool.release(lease)
                continue
            }
            preparationsStarted += 1
            let pool = self.pool
            let timeout = settings.timeout
            let task = Task { () throws -> ExtractedItem in
                let item = try Self.item(from: try await pool.run(next.url, on: lease, timeout: timeout))
                // Kept before anyone waiting on this task resumes, so a play finds it.
                self.keep(item, for: next.ref)
                return item
            }
            inFlight[next.ref] = task
            _ = await task.result
            await pool.release(lease)
            if inFlight[next.ref] == task { inFlight[next.ref] = nil }
        }
        draining = nil
        let waiters = settledWaiters
        settledWaiters = []
        for waiter in waiters { waiter.resume() }
    }

    private func keep(_ item: ExtractedItem, for ref: RemoteRef) {
        cache.insert(item, for: ref, at: Date())
    }

    /// An extractor reply as an item, or its failure.
    static func item(from line: ExtractorLine) throws -> ExtractedItem {
        guard line.ok == true else {
            throw ExtractorAnswerFailure(type: line.error?.type ?? "Error", message: line.error?.message ?? "yt-dlp failed and said nothing")
        }
        guard let info = line.info else {
            throw ExtractorAnswerFailure(type: "BadReply", message: "the extractor answered without the item's fields")
        }
        return ExtractedItem(info: info, media: line.media)
    }
}
