import Foundation
import Host
import TestSupport
import Testing

@Suite("Keeping the library current")
struct LibraryUpkeepTests {
    @Test("a file dropped into a new folder becomes searchable within seconds, without a restart")
    func newFilesAppear() async throws {
        let test = try TestHost(plugins: TestHost.localOnly(watch: true, debounceMilliseconds: 200), label: "upkeep")
        let upkeep = Task { await test.host.keepLibraryCurrent() }
        defer { upkeep.cancel() }
        await test.host.scanner.waitUntilIdle()
        // The watcher starts in a task of its own; on a busy machine it may start late, and
        // a file written before it watches would be missed by design (the periodic rescan
        // is off here). Wait for its inotify descriptor, then for its first walk.
        let watching = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < watching, !Self.inotifyIsOpen() {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))

        try await test.addTrack("Fresh Artist/Fresh Album/01 - Brand New.mp3")
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        var found = false
        while clock.now < deadline, !found {
            try await Task.sleep(for: .milliseconds(200))
            found = try await !test.host.search.search("brand new", limit: 5, offset: 0, sources: nil).tracks.isEmpty
        }
        #expect(found)
    }

    @Test("a file dropped into a watched library is scanned with its folder only, not the whole library")
    func watchedChangesWalkTheirFolders() async throws {
        let test = try TestHost(plugins: TestHost.localOnly(watch: true, debounceMilliseconds: 200), label: "upkeep-parts")
        for index in 1...4 {
            try await test.addTrack("Known Artist/Album \(index)/01 - Known \(index).mp3", frequency: 300 + 50 * index)
        }
        let upkeep = Task { await test.host.keepLibraryCurrent() }
        defer { upkeep.cancel() }
        // The start-up scan runs in the upkeep task: wait for it to have run.
        let started = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < started, test.host.scanner.progress.phase != .done {
            try await Task.sleep(for: .milliseconds(50))
        }
        await test.host.scanner.waitUntilIdle()
        #expect(test.host.scanner.progress.filesTotal == 4)
        let watching = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < watching, !Self.inotifyIsOpen() {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))

        // Made beside the library and moved in whole (one event, as a file manager's move
        // does): a file written in place is seen at each stage of its writing, so several
        // scans would run and the last one's counts would not be this file's arrival.
        let staged = try await AudioFixtures.tone(at: test.folder.appending("staging/02 - Quite Fresh.mp3"))
        try FileManager.default.moveItem(at: staged, to: test.library.appendingPathComponent("Known Artist/Album 2/02 - Quite Fresh.mp3"))
        let deadline = ContinuousClock.now + .seconds(15)
        var found = false
        while ContinuousClock.now < deadline, !found {
            try await Task.sleep(for: .milliseconds(100))
            found = try await !test.host.search.search("quite fresh", limit: 5, offset: 0, sources: nil).tracks.isEmpty
        }
        #expect(found)
        await test.host.scanner.waitUntilIdle()
        let scan = test.host.scanner.progress
        #expect(scan.filesTotal == 2, "the scan walked \(scan.filesTotal) files: the whole library, not Album 2")
        #expect(scan.removed == 0)
        // Added once: the file is in the catalog, at its path, and nothing else changed. (A
        // later partial scan of the same folder, from a second event of the move, adds
        // nothing: so the last scan's own count is not what is asserted.)
        #expect(try await test.track(at: "Known Artist/Album 2/02 - Quite Fresh.mp3") != nil)
        #expect(try await test.host.search.search("quite fresh", limit: 20, offset: 0, sources: nil).tracks.count == 1)
        for index in 1...4 {
            #expect(try await test.track(at: "Known Artist/Album \(index)/01 - Known \(index).mp3") != nil)
        }
    }

    /// Whether this process holds an inotify descriptor (the watcher has started).
    static func inotifyIsOpen() -> Bool {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.contains { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) == "anon_inode:inotify"
        }
    }
}
