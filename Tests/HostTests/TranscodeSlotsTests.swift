import Foundation
@testable import Host
import Testing

/// The bound on transcodes running at once: waiting in order, a deadline, a bounded line.
@Suite("Transcoding slots")
struct TranscodeSlotsTests {
    @Test("over the limit a request waits, and gets the slot when one is released")
    func waitsForRelease() async throws {
        let slots = TranscodeSlots(limit: 1, maximumWaiting: 4, wait: .seconds(10))
        let first = try await slots.acquire()
        let second = Task { try await slots.acquire() }
        try await Task.sleep(for: .milliseconds(200))
        #expect(slots.inUse == 1)
        first.release()
        let got = try await second.value
        #expect(slots.inUse == 1)
        got.release()
        #expect(slots.inUse == 0)
    }

    @Test("a request that waits past the deadline is refused as busy, with a time to retry")
    func deadline() async throws {
        let slots = TranscodeSlots(limit: 1, maximumWaiting: 4, wait: .milliseconds(300))
        let held = try await slots.acquire()
        let started = ContinuousClock.now
        await #expect(throws: HostError.busy("every transcoding slot is in use (1 at once); try again in a moment", retryAfterSeconds: 5)) {
            _ = try await slots.acquire()
        }
        #expect(ContinuousClock.now - started >= .milliseconds(250))
        held.release()
        #expect(slots.inUse == 0)
        // The slot freed is there for the next request.
        let next = try await slots.acquire()
        #expect(slots.inUse == 1)
        next.release()
    }

    @Test("past the line's bound a request is refused at once")
    func boundedLine() async throws {
        let slots = TranscodeSlots(limit: 1, maximumWaiting: 1, wait: .seconds(10))
        let held = try await slots.acquire()
        let waiting = Task { try await slots.acquire() }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        await #expect(throws: HostError.self) { _ = try await slots.acquire() }
        #expect(ContinuousClock.now - started < .seconds(1))
        held.release()
        try await waiting.value.release()
        #expect(slots.inUse == 0)
    }

    @Test("a slot dropped without release is freed; a cancelled waiter leaves the line")
    func droppedAndCancelled() async throws {
        let slots = TranscodeSlots(limit: 1, maximumWaiting: 4, wait: .seconds(10))
        do { _ = try await slots.acquire() }
        #expect(slots.inUse == 0)
        let held = try await slots.acquire()
        let waiter = Task { try await slots.acquire() }
        try await Task.sleep(for: .milliseconds(200))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
        held.release()
        #expect(slots.inUse == 0)
    }
}
