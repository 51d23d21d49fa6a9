import Foundation
@testable import Host
import LocalFiles
import SourceAPI
import TestSupport
import Testing

/// The real LocalFiles provider, except that a file disappears between the walk and the
/// reading of its tags, as when a user deletes it while a scan runs.
struct VanishingLibrary: LibraryScanning {
    let real: LocalFilesProvider
    let vanishing: String

    var id: ProviderID { real.id }
    var capabilities: ProviderCapabilities { real.capabilities }
    func search(_ query: SearchQuery) async throws -> [TrackCandidate] { try await real.search(query) }
    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { try await real.resolve(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { try await real.fetch(ref) }

    func listEntries() throws -> LibraryListing {
        let listing = try real.listEntries()
        try? FileManager.default.removeItem(at: real.root.appendingPathComponent(vanishing))
        return listing
    }

    func readMetadata(of entry: LibraryEntry) throws -> TrackMetadata { try real.readMetadata(of: entry) }
}

@Suite("Files that vanish during a scan")
struct VanishingFileTests {
    @Test("a file removed between walk and read is counted as failed, the rest is scanned, the next scan forgets it")
    func vanishingFile() async throws {
        var registry = ProviderRegistry()
        registry.register("Vanishing") { id, options, context in
            VanishingLibrary(real: try LocalFilesProvider(id: id, options: options, context: context), vanishing: "gone.mp3")
        }
        let test = try TestHost(
            plugins: #"{"providers": [{"id": "local", "type": "Vanishing", "options": {"watch": false}}]}"#, registry: registry)
        try await test.addTrack("gone.mp3")
        try await test.addTrack("stays.mp3", frequency: 300)

        let result = await test.scan()
        #expect(result.added == 1)
        #expect(result.failed == 1)
        #expect(result.phase == .done)
        #expect(try await test.track(at: "stays.mp3") != nil)
        #expect(try await test.host.catalog.scanFailures().map(\.path) == ["gone.mp3"])

        let next = await test.scan()
        #expect(next.failed == 0)
        #expect(next.unchanged == 1)
        #expect(try await test.host.catalog.scanFailures().isEmpty)
    }
}
