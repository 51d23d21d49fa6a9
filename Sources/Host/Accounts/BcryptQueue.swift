import Dispatch
import Foundation
import Synchronization

/// One thread for bcrypt work, with a bound on how much may wait for it. bcrypt is slow on
/// purpose (hundreds of milliseconds at cost 12 on a Pi), so it never runs on the request
/// threads; a burst waits its turn here instead of occupying the cores that stream music
/// and answer the API. Past `limit` jobs queued or running, a new one is refused at once
/// (`AccountError.busy`) rather than waiting behind a flood without end.
final class BcryptQueue: Sendable {
    let limit: Int
    private let queue: DispatchQueue
    private let state = Mutex(State())

    private struct State {
        var backlog = 0
        var completed = 0
        /// How long the last job took, for the Retry-After of a refusal.
        var lastSeconds = 0.25
    }

    init(label: String, limit: Int) {
        self.limit = max(1, limit)
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Jobs queued or running now.
    var backlog: Int { state.withLock { $0.backlog } }

    /// Jobs done since the start (each sign-in check is one: a refusal that ran none is visible).
    var completed: Int { state.withLock { $0.completed } }

    /// Runs `work` on this queue's thread once the jobs before it are done.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        let refusal = state.withLock { state -> Int? in
            guard state.backlog < limit else { return max(1, Int((Double(state.backlog) * state.lastSeconds).rounded(.up))) }
            state.backlog += 1
            return nil
        }
        if let refusal { throw AccountError.busy(retryAfterSeconds: refusal) }
        return await withCheckedContinuation { continuation in
            queue.async { [self] in
                let started = ContinuousClock.now
                let result = work()
                let elapsed = ContinuousClock.now - started
                state.withLock { state in
                    state.backlog -= 1
                    state.completed += 1
                    state.lastSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                }
                continuation.resume(returning: result)
            }
        }
    }
}
