import Synchronization

/// How a piece of work under a deadline ended.
enum DeadlineOutcome<Value: Sendable>: Sendable {
    case value(Value)
    case failure(any Error)
    case timeout
}

/// Runs `work` and answers when it finishes or when `limit` passes, whichever is first.
///
/// Unlike a task group, this does not wait for `work` to notice its cancellation: a
/// provider stuck in a blocking call cannot hold the answer back. Its task is cancelled
/// and left to end on its own.
func withDeadline<Value: Sendable>(
    _ limit: Duration, _ work: @escaping @Sendable () async throws -> Value
) async -> DeadlineOutcome<Value> {
    let gate = Mutex<CheckedContinuation<DeadlineOutcome<Value>, Never>?>(nil)
    let finish: @Sendable (DeadlineOutcome<Value>) -> Void = { outcome in
        gate.withLock { continuation in
            continuation?.resume(returning: outcome)
            continuation = nil
        }
    }
    var workTask: Task<Void, Never>?
    var timerTask: Task<Void, Never>?
    let outcome = await withCheckedContinuation { continuation in
        gate.withLock { $0 = continuation }
        workTask = Task {
            do { finish(.value(try await work())) } catch { finish(.failure(error)) }
        }
        timerTask = Task {
            try? await Task.sleep(for: limit)
            if !Task.isCancelled { finish(.timeout) }
        }
    }
    workTask?.cancel()
    timerTask?.cancel()
    return outcome
}
