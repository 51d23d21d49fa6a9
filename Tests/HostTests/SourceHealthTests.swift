import Foundation
import Host
import SourceAPI
import Synchronization
import TestSupport
import Testing

/// A source whose tool starts (its health check passes) but whose searches fail while
/// `failing` is set: a yt-dlp that YouTube refuses.
struct SwitchableProvider: SourceProvider {
    let id: ProviderID
    let failing: Flag
    let capabilities: ProviderCapabilities = [.search, .remote]
    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        if failing.value { throw ProviderError.unavailable("ERROR: [youtube] HTTP Error 429: Too Many Requests (/home/family/.venv/bin/yt-dlp)") }
        return []
    }
    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { throw ProviderError.notFound(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { throw ProviderError.notFound(ref) }
}

final class Flag: Sendable {
    private let state: Mutex<Bool>
    init(_ value: Bool) { state = Mutex(value) }
    var value: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}

@Suite("Source health")
struct SourceHealthTests {
    @Test("a source whose searches fail is not healthy, says why in words, and is healthy again once one works")
    func failingSearchesAreNotHealthy() async throws {
        let failing = Flag(false)
        var registry = TestHost.registry()
        registry.register("Switchable") { id, _, _ in SwitchableProvider(id: id, failing: failing) }
        let test = try TestHost(plugins: #"{"providers": [{"id": "tube", "type": "Switchable"}]}"#, registry: registry)

        var admin = try #require(await test.host.admin.sources().first)
        #expect(admin.healthy && admin.state == .healthy && admin.reason == nil, "never used: its check passes")

        failing.value = true
        _ = try await test.host.search.search("anything", limit: 10, offset: 0, sources: nil)
        admin = try #require(await test.host.admin.sources().first)
        #expect(admin.healthy == false)
        #expect(admin.state == .failing)
        let reason = try #require(admin.reason)
        #expect(reason.hasPrefix("Searches are failing: Tube is refusing requests from this server for now"), "\(reason)")
        for leak in ["/home/family", "yt-dlp", "ERROR"] { #expect(!reason.contains(leak), "the reason shows \(leak)") }
        #expect(admin.lastError?.message.contains("/home/family") == true, "the admin keeps the raw detail")
        let everyone = try #require(await test.host.providerStatuses().first)
        #expect(everyone.healthy == false && everyone.lastError == nil)
        #expect(everyone.problem == "Tube is not available right now")

        failing.value = false
        _ = try await test.host.search.search("anything", limit: 10, offset: 0, sources: nil)
        admin = try #require(await test.host.admin.sources().first)
        #expect(admin.healthy && admin.state == .healthy && admin.reason == nil, "a search that worked makes it healthy again")
        #expect(admin.lastError != nil, "the last failure is still shown to the admin")
    }
}
