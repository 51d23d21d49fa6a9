import Foundation
import SourceAPI

/// The resident extractor could not start: the caller runs the yt-dlp command instead.
public struct ExtractorUnavailable: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "the resident yt-dlp extractor cannot run: \(reason)" }
}

/// A few resident extractor processes, each answering one request at a time.
///
/// A play takes an idle process, or starts one while fewer than `workers` run, or waits its
/// turn in a bounded line. A preparation (resolving a search hit before anyone plays it)
/// gets a process only when a play arriving then would still find one idle or could start
/// one, so preparations never hold a play back; while one runs, a spare process is started
/// for plays. After a failed start every caller is told at once, for a while, so that plays
/// go straight to the command.
actor ExtractorPool {
    struct Settings: Sendable {
        /// Processes at most (each holds yt-dlp in memory: some 40 MB).
        var workers = 2
        /// Plays waiting for a process at most; one more is refused.
        var waitingPlays = 16
        var startTimeout: Duration = .seconds(60)
        /// After a failed start, how long callers are sent to the command before a new try.
        var retryStartAfter: Duration = .seconds(300)
        /// Processes all idle this long are stopped (they start again on the next request).
        var idleTimeout: Duration = .seconds(600)
    }

    enum Purpose: Sendable { case play, preparation }

    /// A process lent to one caller until it gives it back with `release`.
    struct Lease: Sendable {
        let process: ExtractorProcess
        let purpose: Purpose
    }

    private let command: ChildProcess
    private let settings: Settings
    private var processes: [ExtractorProcess] = []
    private var busy: Set<ObjectIdentifier> = []
    private var waitingPlays: [CheckedContinuation<Lease, any Error>] = []
    private var waitingPreparation: CheckedContinuation<Lease, any Error>?
    private var unusable: (reason: String, until: ContinuousClock.Instant)?
    /// Requests sent to a process since start (answered, failed or timed out).
    private(set) var requestsSent = 0
    private var activity = 0
    private var idleTimer: Task<Void, Never>?

    init(command: ChildProcess, settings: Settings) {
        self.command = command
        self.settings = settings
    }

    /// The ids of the processes running now (tests kill them).
    func processIDs() async -> [pid_t] {
        var ids: [pid_t] = []
        for process in processes {
            if let id = await process.currentProcessID { ids.append(id) }
        }
        return ids
    }

    /// Resolves `url` for a play: a process that dies under the request is replaced and
    /// the request sent again, once.
    func extract(_ url: String, timeout: Duration) async throws -> ExtractorLine {
        for attempt in 1...2 {
            let lease = try await lease(for: .play)
            do {
                let reply = try await run(url, on: lease, timeout: timeout)
                release(lease)
                return reply
            } catch ExtractorProcess.Failure.ended where attempt == 1 {
                release(lease)
            } catch {
                release(lease)
                throw error
            }
        }
        throw ExtractorProcess.Failure.ended("the extractor ended twice under one request")
    }

    /// Sends one request on a leased process. A process that cannot start makes the whole
    /// pool unusable for a while (`ExtractorUnavailable`).
    func run(_ url: String, on lease: Lease, timeout: Duration) async throws -> ExtractorLine {
        do {
            try await lease.process.start()
        } catch ExtractorProcess.Failure.cannotStart(let reason) {
            markUnusable(reason)
            throw ExtractorUnavailable(reason: reason)
        }
        requestsSent += 1
        do {
            return try await lease.process.extract(url, timeout: timeout)
        } catch ExtractorProcess.Failure.cannotStart(let reason) {
            markUnusable(reason)
            throw ExtractorUnavailable(reason: reason)
        }
    }

    /// Lends a process for `purpose`, waiting for one when none may be lent now.
    func lease(for purpose: Purpose) async throws -> Lease {
        try checkUsable()
        switch purpose {
        case .play:
            if let process = idleProcess() ?? newProcess() { return lend(process, for: .play) }
            guard waitingPlays.count < settings.waitingPlays else {
                throw ProviderError.unavailable("too many plays are waiting for the yt-dlp extractor; try again in a moment")
            }
            return try await withCheckedThrowingContinuation { waitingPlays.append($0) }
        case .preparation:
            if waitingPreparation == nil, let lease = preparationLease() { return lease }
            guard waitingPreparation == nil else { throw ProviderError.unavailable("a preparation is already waiting") }
            return try await withCheckedThrowingContinuation { waitingPreparation = $0 }
        }
    }

    /// Gives a process back: to the first play waiting, else to a waiting preparation if one may run.
    func release(_ lease: Lease) {
        let key = ObjectIdentifier(lease.process)
        guard busy.contains(key) else { return }
        activity += 1
        if !waitingPlays.isEmpty, processes.contains(where: { $0 === lease.process }) {
            waitingPlays.removeFirst().resume(returning: Lease(process: lease.process, purpose: .play))
            return
        }
        busy.remove(key)
        if let waiter = waitingPreparation, let granted = preparationLease() {
            waitingPreparation = nil
            waiter.resume(returning: granted)
        }
        if busy.isEmpty { scheduleIdleStop() }
    }

    /// Stops every process and tells whoever waits.
    func stop() async {
        idleTimer?.cancel()
        idleTimer = nil
        let all = processes
        processes = []
        busy = []
        failWaiting(ExtractorProcess.Failure.ended("the extractor was stopped"))
        for process in all { await process.stop() }
    }

    // MARK: Choosing a process

    private func idleProcess() -> ExtractorProcess? {
        processes.first { !busy.contains(ObjectIdentifier($0)) }
    }

    private func newProcess() -> ExtractorProcess? {
        guard processes.count < settings.workers else { return nil }
        let process = ExtractorProcess(command: command, startTimeout: settings.startTimeout)
        processes.append(process)
        return process
    }

    private func lend(_ process: ExtractorProcess, for purpose: Purpose) -> Lease {
        busy.insert(ObjectIdentifier(process))
        activity += 1
        return Lease(process: process, purpose: purpose)
    }

    /// A process for a preparation, if lending one leaves a play one to take or to start;
    /// then a spare is started, so that the next play finds it ready.
    private func preparationLease() -> Lease? {
        let idle = processes.count - busy.count
        let startable = settings.workers - processes.count
        guard waitingPlays.isEmpty, idle + startable >= 2, let process = idleProcess() ?? newProcess() else { return nil }
        let lease = lend(process, for: .preparation)
        if idleProcess() == nil, let spare = newProcess() {
            // After the first is ready: two Python start-ups at once would slow both.
            Task {
                try? await process.start()
                try? await spare.start()
            }
        }
        return lease
    }

    // MARK: Failures and idleness

    private func checkUsable() throws {
        guard let unusable else { return }
        if ContinuousClock.now < unusable.until { throw ExtractorUnavailable(reason: unusable.reason) }
        self.unusable = nil
    }

    private func markUnusable(_ reason: String) {
        unusable = (reason, ContinuousClock.now + settings.retryStartAfter)
        failWaiting(ExtractorUnavailable(reason: reason))
    }

    private func failWaiting(_ error: any Error) {
        let plays = waitingPlays
        waitingPlays = []
        for waiter in plays { waiter.resume(throwing: error) }
        waitingPreparation?.resume(throwing: error)
        waitingPreparation = nil
    }

    /// One timer at a time, started again at each release that leaves every process idle.
    private func scheduleIdleStop() {
        let stamp = activity
        let timeout = settings.idleTimeout
        idleTimer?.cancel()
        idleTimer = Task { [weak self] in
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            await self?.stopIfIdle(since: stamp)
        }
    }

    private func stopIfIdle(since stamp: Int) async {
        guard stamp == activity, busy.isEmpty, waitingPlays.isEmpty, waitingPreparation == nil else { return }
        await stop()
    }
}
