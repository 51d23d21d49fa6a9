import Foundation
@testable import Host
import SourceAPI
import TestSupport
import Testing

/// A watcher reports the folders a change touched; the scan then walks those folders only,
/// so a change costs the change, not the library.
@Suite("Scans of the parts a watcher saw change")
struct PartialScanTests {
    /// Requests a scan of `scopes` of the local source, as a watcher does, and waits for it.
    static func scan(_ test: TestHost, _ scopes: Set<LibraryScope>) async -> ScanProgress {
        test.host.scanner.requestScan(of: "local", .within(scopes))
        await test.host.scanner.waitUntilIdle()
        return test.host.scanner.progress
    }

    @Test("a change in one folder walks that folder only; a change nobody reported waits for a whole scan")
    func walksOnlyTheParts() async throws {
        let test = try TestHost(label: "partial")
        try await test.addTrack("A/One/01 - Alpha.mp3", tags: ["title": "Alpha"])
        try await test.addTrack("A/One/Deeper/01 - Echo.mp3", tags: ["title": "Echo"], frequency: 300)
        try await test.addTrack("B/Two/01 - Bravo.mp3", tags: ["title": "Bravo"], frequency: 500)
        await test.scan()

        try await test.addTrack("A/One/02 - Charlie.mp3", tags: ["title": "Charlie"], frequency: 600)
        try await test.addTrack("B/Two/02 - Delta.mp3", tags: ["title": "Delta"], frequency: 700)
        let result = await Self.scan(test, [LibraryScope(folder: "A/One", recursive: false)])
        #expect(result.phase == .done)
        #expect(result.filesTotal == 2, "only the files directly in A/One are walked")
        #expect(result.added == 1)
        #expect(result.removed == 0, "files outside the part were taken for gone")
        #expect(result.unchanged == 1)
        #expect(try await test.track(at: "A/One/02 - Charlie.mp3") != nil)
        #expect(try await test.track(at: "B/Two/02 - Delta.mp3") == nil, "a folder nobody reported was walked")
        #expect(try await test.track(at: "A/One/Deeper/01 - Echo.mp3") != nil)

        let whole = await test.scan()
        #expect(whole.added == 1)
        #expect(try await test.track(at: "B/Two/02 - Delta.mp3") != nil)
    }

    @Test("a new folder tree is walked whole; a file moved between two reported folders keeps its id")
    func treesAndMoves() async throws {
        let test = try TestHost(label: "partial-move")
        try await test.addTrack("A/One/01 - Mover.mp3", tags: ["title": "Mover", "artist": "X", "album": "Y"])
        try await test.addTrack("A/One/02 - Stays.mp3", tags: ["title": "Stays"], frequency: 300)
        try await test.addTrack("B/Two/01 - Other.mp3", tags: ["title": "Other"], frequency: 500)
        await test.scan()
        let id = try #require(try await test.track(at: "A/One/01 - Mover.mp3")?.id)

        try await test.addTrack("New/Tree/01 - Fresh.mp3", tags: ["title": "Fresh", "album": "Tree"], frequency: 600)
        try await test.addTrack("New/Tree/Bonus/01 - Fresher.mp3", tags: ["title": "Fresher", "album": "Tree"], frequency: 650)
        let added = await Self.scan(test, [LibraryScope(folder: "New", recursive: true)])
        #expect(added.filesTotal == 2)
        #expect(added.added == 2)
        #expect(try await test.host.search.search("fresh", limit: 5, offset: 0, sources: nil).tracks.count == 2)
        #expect(try await test.host.catalog.albums(sort: .name, limit: 50, offset: 0).items.contains { $0.name == "Tree" })

        let library = test.library
        try FileManager.default.moveItem(
            at: library.appendingPathComponent("A/One/01 - Mover.mp3"), to: library.appendingPathComponent("B/Two/01 - Mover.mp3"))
        let moved = await Self.scan(
            test, [LibraryScope(folder: "A/One", recursive: false), LibraryScope(folder: "B/Two", recursive: false)])
        #expect(moved.moved == 1)
        #expect(moved.removed == 0)
        #expect(moved.added == 0)
        #expect(try await test.track(at: "B/Two/01 - Mover.mp3")?.id == id)
    }

    @Test("a reported folder whose files are all gone is judged by a whole walk: removed, or kept when the library looks unmounted")
    func emptiedParts() async throws {
        let test = try TestHost(label: "partial-gone")
        try await test.addTrack("A/x.mp3", tags: ["title": "Xray"])
        try await test.addTrack("B/y.mp3", tags: ["title": "Yankee"], frequency: 500)
        await test.scan()

        try FileManager.default.removeItem(at: test.library.appendingPathComponent("A"))
        let removed = await Self.scan(test, [LibraryScope(folder: "A", recursive: true)])
        #expect(removed.removed == 1)
        #expect(removed.filesTotal == 1, "the whole library was walked")
        #expect(try await test.track(at: "A/x.mp3") == nil)

        try FileManager.default.removeItem(at: test.library.appendingPathComponent("B"))
        let unmounted = await Self.scan(test, [LibraryScope(folder: "B", recursive: true)])
        #expect(unmounted.removed == 0)
        #expect(unmounted.problems.contains { $0.contains("is the disk mounted") })
        #expect(try await test.track(at: "B/y.mp3") != nil)
    }

    @Test("a partial scan forgets the failures of files gone from its parts, and only those")
    func failuresOfTheParts() async throws {
        let test = try TestHost(label: "partial-failures")
        try await test.addTrack("A/good.mp3", tags: ["title": "Good"])
        try AudioFixtures.corrupt(at: test.library.appendingPathComponent("A/bad.mp3"))
        try AudioFixtures.corrupt(at: test.library.appendingPathComponent("B/bad.mp3"))
        try await test.addTrack("B/fine.mp3", tags: ["title": "Fine"], frequency: 500)
        await test.scan()
        #expect(try await test.host.catalog.scanFailures().map(\.path) == ["A/bad.mp3", "B/bad.mp3"])

        try FileManager.default.removeItem(at: test.library.appendingPathComponent("A/bad.mp3"))
        try FileManager.default.removeItem(at: test.library.appendingPathComponent("B/bad.mp3"))
        let result = await Self.scan(test, [LibraryScope(folder: "A", recursive: false)])
        #expect(result.failed == 0)
        #expect(try await test.host.catalog.scanFailures().map(\.path) == ["B/bad.mp3"])
        await test.scan()
        #expect(try await test.host.catalog.scanFailures().isEmpty)
    }

    @Test("changes that arrive during a scan are merged and scanned right after it")
    func pendingChangesMerge() {
        let a = ScanRequest(source: "local", change: .within([LibraryScope(folder: "A", recursive: false)]))
        let b = ScanRequest(source: "local", change: .within([LibraryScope(folder: "B", recursive: true)]))
        let c = ScanRequest(source: "other", change: .within([LibraryScope(folder: "C", recursive: false)]))
        let merged = a.merged(with: b).merged(with: c)
        #expect(merged.scopes(for: "local") == .some([LibraryScope(folder: "A", recursive: false), LibraryScope(folder: "B", recursive: true)]))
        #expect(merged.scopes(for: "other") == .some([LibraryScope(folder: "C", recursive: false)]))
        #expect(merged.scopes(for: "third") == nil, "a source nobody reported is not walked")
        #expect(merged.merged(with: .everything) == .everything)
        #expect(ScanRequest.everything.scopes(for: "local") == .some(nil))
        let root = ScanRequest(source: "local", change: .within([LibraryScope(folder: "", recursive: true)]))
        #expect(root.scopes(for: "local") == .some(nil), "the root as a tree is the whole library")
    }
}
