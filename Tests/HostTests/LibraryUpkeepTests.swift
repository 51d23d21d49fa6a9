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

    /// Whether this process holds an inotify descriptor (the watcher has started).
    static func inotifyIsOpen() -> Bool {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.contains { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) == "anon_inode:inotify"
        }
    }
}
