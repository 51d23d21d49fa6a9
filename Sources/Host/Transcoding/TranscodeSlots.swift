import Foundation
import Synchronization

/// At most `limit` transcodes run at once. A request over it waits its turn (in order) for
/// at most `wait`, with at most `maximumWaiting` others; past either it is refused with
/// `HostError.busy`, so that a burst of requests never piles up ffmpeg processes or waiters.
///
/// A slot is a value the caller holds: it is freed by `release()` or, for a stream that was
/// never started (a client gone before its body was written), when the slot is dropped.
final class TranscodeSlots: Sendable {
    let limit: Int
    let maximumWaiting: Int
    let wait: Duration
    private let state = Mutex(State())

    private struct State {
        var inUse = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
        /// Waiters admitted but not in line yet (their continuation is being made).
        var pending: Set<UInt64> = []
        /// Pending waiters that timed out or were cancelled before they were in line, with why.
        var abandoned: [UInt64: any Error] = [:]
    }

    init(limit: Int, maximumWaiting: Int, wait: Duration) {
        self.limit = max(1, limit)
        self.maximumWaiting = max(0, maximumWaiting)
        self.wait = wait
    }

    /// Transcodes running (or holding their slot) now.
    var inUse: Int { state.withLock { $0.inUse } }

    /// A slot, at once or after waiting; throws `HostError.busy` when none frees in time.
    func acquire() async throws -> TranscodeSlot {
        enum Admission { case now, queued(UInt64), full }
        let admission = state.withLock { state -> Admission in
            if state.inUse < limit, state.waiters.isEmpty {
                state.inUse += 1
                return .now
            }
            guard state.waiters.count + state.pending.count < maximumWaiting else { return .full }
            state.nextID += 1
            state.pending.insert(state.nextID)
            return .queued(state.nextID)
        }
        switch admission {
        case .now:
            return TranscodeSlot(slots: self)
        case .full:
            throw busy
        case .queued(let id):
            let timer = Task { [wait] in
                try await Task.sleep(for: wait)
                self.giveUp(id, with: self.busy)
            }
            defer { timer.cancel() }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let early = state.withLock { state -> Result<Void, any Error>? in
                        state.pending.remove(id)
                        if let error = state.abandoned.removeValue(forKey: id) { return .failure(error) }
                        // A slot freed while this waiter was getting in line.
                        if state.inUse < limit, state.waiters.isEmpty {
                            state.inUse += 1
                            return .success(())
                        }
                        state.waiters.append((id, continuation))
                        return nil
                    }
                    if let early { continuation.resume(with: early) }
                }
            } onCancel: {
                giveUp(id, with: CancellationError())
            }
            // The slot was handed over by `release` (inUse already counts it).
            return TranscodeSlot(slots: self)
        }
    }

    private var busy: HostError {
        .busy("every transcoding slot is in use (\(limit) at once); try again in a moment", retryAfterSeconds: 5)
    }

    /// Removes a waiter that timed out or was cancelled, if it is still waiting.
    private func giveUp(_ id: UInt64, with error: any Error) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else {
                // Not in line yet: it finds this when it gets there. (Already served: nothing to do.)
                if state.pending.contains(id) { state.abandoned[id] = error }
                return nil
            }
            return state.waiters.remove(at: index).continuation
        }
        waiter?.resume(throwing: error)
    }

    /// Frees a slot: it passes to the first waiter, if any.
    fileprivate func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            if state.waiters.isEmpty {
                state.inUse -= 1
                return nil
            }
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }
}

/// One held transcoding slot; freed once, by `release()` or when it is dropped.
final class TranscodeSlot: Sendable {
    private let slots: TranscodeSlots
    private let released = Atomic<Bool>(false)

    fileprivate init(slots: TranscodeSlots) {
        self.slots = slots
    }

    func release() {
        guard !released.exchange(true, ordering: .acquiringAndReleasing) else { return }
        slots.release()
    }

    deinit { release() }
}
