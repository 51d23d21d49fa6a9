import Dispatch
import Synchronization

/// Hands memory that only load needed back to the system when the server goes quiet.
///
/// Streams free their buffers when they end, but the allocator keeps the pages for reuse,
/// so a burst of clients would leave the process large for good: `serverWentQuiet` runs
/// `trim` a moment later on a background thread, at most once per `delay`, so steady
/// traffic costs at most one trim a second. After `idleDelay` with no new quiet moment (the
/// server idle that long) it runs `idle` and then `trim` once: what is dearer to rebuild
/// than a heap page, like the catalog's page caches, goes only when the load is over.
final class QuietMemoryRelease: Sendable {
    private let trim: (@Sendable () -> Void)?
    private let idle: @Sendable () -> Void
    private let delay: Duration
    private let idleDelay: Duration
    private let trimPending = Atomic(false)
    private let idleCheckPending = Atomic(false)
    /// When the server last went quiet, in nanoseconds of `DispatchTime`.
    private let lastQuiet = Atomic<UInt64>(0)

    init(
        delay: Duration = .seconds(1), idleDelay: Duration = .seconds(30), trim: (@Sendable () -> Void)?,
        idle: @escaping @Sendable () -> Void = {}
    ) {
        self.delay = delay
        self.idleDelay = idleDelay
        self.trim = trim
        self.idle = idle
    }

    func serverWentQuiet() {
        lastQuiet.store(DispatchTime.now().uptimeNanoseconds, ordering: .releasing)
        if trim != nil, trimPending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
            DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + Self.dispatchInterval(delay)) { [self] in
                trimPending.store(false, ordering: .releasing)
                trim?()
            }
        }
        // One idle check at a time, pushed back while quiet moments keep coming.
        if idleCheckPending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged {
            scheduleIdleCheck(after: idleDelay)
        }
    }

    private func scheduleIdleCheck(after wait: Duration) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + Self.dispatchInterval(wait)) { [self] in
            let quietFor = Duration.nanoseconds(
                Int64(DispatchTime.now().uptimeNanoseconds &- lastQuiet.load(ordering: .acquiring)))
            guard quietFor >= idleDelay else {
                scheduleIdleCheck(after: idleDelay - quietFor)
                return
            }
            idleCheckPending.store(false, ordering: .releasing)
            idle()
            trim?()
        }
    }

    private static func dispatchInterval(_ duration: Duration) -> DispatchTimeInterval {
        .milliseconds(max(1, Int(duration / .milliseconds(1))))
    }
}
