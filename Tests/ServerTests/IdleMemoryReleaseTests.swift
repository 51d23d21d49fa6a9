import Dispatch
import Foundation
@testable import Server
import Synchronization
import Testing

/// What the server gives back when it goes quiet: heap pages a moment after each quiet
/// moment, and, once it has been idle a while, the catalog's caches.
@Suite("Memory given back when the server is idle")
struct IdleMemoryReleaseTests {
    /// Times (DispatchTime nanoseconds) of each call.
    final class Calls: Sendable {
        private let times = Mutex<[UInt64]>([])
        func record() { times.withLock { $0.append(DispatchTime.now().uptimeNanoseconds) } }
        var all: [UInt64] { times.withLock { $0 } }
    }

    @Test("the idle release waits until no quiet moment came for the idle delay, then runs once and trims")
    func idleReleaseWaitsForIdleness() async throws {
        let idle = Calls()
        let trims = Calls()
        let idleDelay = Duration.milliseconds(400)
        let release = QuietMemoryRelease(
            delay: .milliseconds(20), idleDelay: idleDelay, trim: { trims.record() }, idle: { idle.record() })
        // Quiet moments for a while (a request now and then, as under light load).
        var quietMoments: [UInt64] = []
        for _ in 0..<20 {
            quietMoments.append(DispatchTime.now().uptimeNanoseconds)
            release.serverWentQuiet()
            try await Task.sleep(for: .milliseconds(30))
        }
        let lastQuiet = try #require(quietMoments.last)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !idle.all.contains(where: { $0 >= lastQuiet }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let idleCalls = idle.all
        #expect(idleCalls.contains { $0 >= lastQuiet }, "no idle release after the last quiet moment")
        // Whatever the machine's load did to the timing: each release came only once the idle
        // delay had passed since the quiet moment before it, and never twice without a quiet
        // moment in between.
        let delay = UInt64(idleDelay / .nanoseconds(1))
        for (index, time) in idleCalls.enumerated() {
            let before = try #require(quietMoments.last { $0 <= time })
            #expect(time - before >= delay, "an idle release \(time - before) ns after a quiet moment")
            if index > 0 { #expect(quietMoments.contains { $0 > idleCalls[index - 1] && $0 < time }) }
        }
        #expect(trims.all.contains { $0 >= idleCalls[idleCalls.count - 1] }, "no trim after the idle release")

        // The next idle period gets its own release.
        let count = idle.all.count
        release.serverWentQuiet()
        let again = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < again, idle.all.count == count {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(idle.all.count == count + 1)
    }

    @Test("without a trim (no malloc_trim on this C library) the idle release still runs")
    func idleWithoutTrim() async throws {
        let idle = Calls()
        let release = QuietMemoryRelease(delay: .milliseconds(20), idleDelay: .milliseconds(100), trim: nil, idle: { idle.record() })
        release.serverWentQuiet()
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, idle.all.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(idle.all.count == 1)
    }
}
