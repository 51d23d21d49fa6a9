import Dispatch
import Synchronization

/// Hands freed heap memory back to the system when the server goes quiet after load.
///
/// Streams free their buffers when they end, but the allocator keeps the pages for reuse,
/// so a burst of clients would leave the process large for good. `serverWentQuiet` runs the
/// release a moment later on a background thread, at most once per `delay`, so steady
/// traffic costs at most one release a second.
final class QuietMemoryRelease: Sendable {
    private let release: @Sendable () -> Void
    private let delay: Duration
    private let pending = Atomic(false)

    init(delay: Duration = .seconds(1), release: @escaping @Sendable () -> Void) {
        self.delay = delay
        self.release = release
    }

    func serverWentQuiet() {
        guard pending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        let milliseconds = Int(delay / .milliseconds(1))
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { [self] in
            pending.store(false, ordering: .releasing)
            release()
        }
    }
}
