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
        try await Task.sleep(for: .milliseconds(300))

        try test.addTrack("Fresh Artist/Fresh Album/01 - Brand New.mp3")
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        var found = false
        while clock.now < deadline, !found {
            try await Task.sleep(for: .milliseconds(200))
            found = try await !test.host.search.search("brand new", limit: 5, offset: 0, sources: nil).tracks.isEmpty
        }
        #expect(found)
    }
}
