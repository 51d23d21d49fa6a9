import Foundation
@testable import Host
import TestSupport
import Testing

/// The rules of a saved play queue, in the Host where both adapters share them.
@Suite("Play queues")
struct PlayQueueTests {
    static let saved = Date(timeIntervalSince1970: 1_700_000_000)

    func queue(_ ids: [String], current: Int?, position: Int = 5_000) -> SavedPlayQueue {
        SavedPlayQueue(trackIDs: ids, currentIndex: current, positionMilliseconds: position, changedAt: Self.saved, changedBy: "App")
    }

    @Test("tracks gone from the catalog are skipped: the current one stays current, or the next one starts from 0")
    func keeping() {
        let ids = ["a", "b", "c", "b", "d"]
        // Nothing gone: unchanged, repeats kept.
        #expect(queue(ids, current: 3).keeping(["a", "b", "c", "d"]) == queue(ids, current: 3))
        // A track before the current one: the index follows it.
        #expect(queue(ids, current: 3).keeping(["b", "c", "d"]) == queue(["b", "c", "b", "d"], current: 2))
        // The current track itself: the next one left, from its start.
        #expect(queue(ids, current: 2).keeping(["a", "b", "d"]) == queue(["a", "b", "b", "d"], current: 2, position: 0))
        // The current and everything after it: the last one left, from its start.
        #expect(queue(ids, current: 4).keeping(["a", "b", "c"]) == queue(["a", "b", "c", "b"], current: 3, position: 0))
        // All of it: empty.
        #expect(queue(ids, current: 1).keeping([]) == queue([], current: nil, position: 0))
    }

    static func world() async throws -> (TestHost, User, User, [String]) {
        let test = try TestHost(label: "play-queue")
        for number in 1...3 {
            try await test.addTrack("Artist/Album/0\(number) - Song \(number).mp3", tags: ["title": "Song \(number)", "track": "\(number)"])
        }
        await test.scan()
        var ids: [String] = []
        for number in 1...3 {
            ids.append(try #require(try await test.track(at: "Artist/Album/0\(number) - Song \(number).mp3")?.id))
        }
        let accounts = try await Accounts(host: test.host, settings: TestServer.accountSettings())
        let ada = try await accounts.create(email: "ada@example.org", password: "a long enough password", role: nil)
        let bob = try await accounts.create(email: "bob@example.org", password: "a long enough password", role: nil)
        return (test, ada, bob, ids)
    }

    @Test("a saved queue reads back in order with repeats, current and position, the app's name cleaned; another person's is empty")
    func saveAndRead() async throws {
        let (test, ada, bob, ids) = try await Self.world()
        let queues = test.host.playQueues
        let change = PlayQueueChange(trackIDs: [ids[2], ids[0], ids[2]], currentIndex: 2, positionMilliseconds: 61_500, client: " Phone\u{1B}\u{7}app\n ")
        try await queues.save(change, for: ada)
        let read = try await queues.queue(of: ada)
        #expect(read.entries.map(\.id) == [ids[2], ids[0], ids[2]])
        #expect(read.currentIndex == 2)
        #expect(read.current?.id == ids[2])
        #expect(read.positionMilliseconds == 61_500)
        #expect(read.changedBy == "Phoneapp")
        #expect(read.changedAt != nil)

        let other = try await queues.queue(of: bob)
        #expect(other.entries.isEmpty)
        #expect(other.currentIndex == nil)
        #expect(other.changedAt == nil)

        // Empty clears; the clearing app is the one named.
        try await queues.save(PlayQueueChange(trackIDs: [], currentIndex: nil, positionMilliseconds: 9, client: nil), for: ada)
        let cleared = try await queues.queue(of: ada)
        #expect(cleared.entries.isEmpty)
        #expect(cleared.currentIndex == nil)
        #expect(cleared.positionMilliseconds == 0)
        #expect(cleared.changedBy == "unknown app")
    }

    @Test("refused, changing nothing: an unknown track, a missing or wrong current index, a bad position, too many tracks")
    func refusals() async throws {
        let (test, ada, _, ids) = try await Self.world()
        let queues = test.host.playQueues
        try await queues.save(PlayQueueChange(trackIDs: [ids[0], ids[1]], currentIndex: 1, positionMilliseconds: 1_000, client: "App"), for: ada)
        let bad: [(PlayQueueChange, HostError)] = [
            (PlayQueueChange(trackIDs: [ids[0], "no-such-track"], currentIndex: 0, client: "x"), .notFound(kind: "track", id: "no-such-track")),
            (PlayQueueChange(trackIDs: [ids[0]], currentIndex: nil, client: "x"), .invalidInput("say which track of the queue is current")),
            (PlayQueueChange(trackIDs: [ids[0]], currentIndex: 1, client: "x"), .invalidInput("the current index must be from 0 to 0, got 1")),
            (PlayQueueChange(trackIDs: [ids[0]], currentIndex: 0, positionMilliseconds: -1, client: "x"),
             .invalidInput("the position must be from 0 to \(PlayQueues.maximumPosition) milliseconds, got -1")),
            (PlayQueueChange(trackIDs: Array(repeating: ids[0], count: PlayQueues.maximumTracks + 1), currentIndex: 0, client: "x"),
             .invalidInput("a play queue holds at most 5000 tracks; this one has 5001")),
        ]
        for (change, expected) in bad {
            await #expect(throws: expected) { try await queues.save(change, for: ada) }
        }
        let kept = try await queues.queue(of: ada)
        #expect(kept.entries.map(\.id) == [ids[0], ids[1]])
        #expect(kept.currentIndex == 1)
        #expect(kept.changedBy == "App")
        // The most allowed is allowed.
        try await queues.save(
            PlayQueueChange(trackIDs: Array(repeating: ids[0], count: PlayQueues.maximumTracks), currentIndex: 4_999, client: "x"), for: ada)
        #expect(try await queues.queue(of: ada).entries.count == PlayQueues.maximumTracks)
    }

    @Test("a track whose file is removed leaves the queue when it is read; its place passes to the next track")
    func removedTrack() async throws {
        let (test, ada, _, ids) = try await Self.world()
        try await test.host.playQueues.save(
            PlayQueueChange(trackIDs: ids, currentIndex: 1, positionMilliseconds: 700, client: "App"), for: ada)
        try FileManager.default.removeItem(at: test.library.appendingPathComponent("Artist/Album/02 - Song 2.mp3"))
        await test.scan()
        let read = try await test.host.playQueues.queue(of: ada)
        #expect(read.entries.map(\.id) == [ids[0], ids[2]])
        #expect(read.currentIndex == 1)
        #expect(read.positionMilliseconds == 0)
    }
}
