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
/// and left to end on its own. When the caller is cancelled (a streamed search whose client
/// went away), the answer is a `CancellationError` at once and `work` is cancelled too.
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
    // The work and its timer are unstructured tasks (see above), so the caller's
    // cancellation reaches them only through this list.
    let tasks = Mutex<[Task<Void, Never>]>([])
    let outcome = await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            gate.withLock { $0 = continuation }
            // Cancelled before the continuation was stored: the handler below found nothing to resume.
            if Task.isCancelled {
                finish(.failure(CancellationError()))
                return
            }
            let workTask = Task {
                do { finish(.value(try await work())) } catch { finish(.failure(error)) }
            }
            let timerTask = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled { finish(.timeout) }
            }
            tasks.withLock { $0 = [workTask, timerTask] }
        }
    } onCancel: {
        finish(.failure(CancellationError()))
        tasks.withLock { $0.forEach { $0.cancel() } }
    }
    tasks.withLock { $0.forEach { $0.cancel() } }
    return outcome
}
