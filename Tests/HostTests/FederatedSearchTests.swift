import Foundation
import Host
import SourceAPI
import TestSupport
import Testing

/// A source that never answers and ignores cancellation: what a stuck network call looks like.
struct HangingProvider: SourceProvider {
    let id: ProviderID
    let capabilities: ProviderCapabilities = [.search, .remote]
    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
        return []
    }
    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { throw ProviderError.notFound(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { throw ProviderError.notFound(ref) }
}

/// A source whose tool fails.
struct FailingProvider: SourceProvider {
    let id: ProviderID
    let capabilities: ProviderCapabilities = [.search, .remote]
    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        throw ProviderError.unavailable("yt-dlp exited with status 1: HTTP Error 429")
    }
    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { throw ProviderError.notFound(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { throw ProviderError.notFound(ref) }
}

@Suite("Federated search")
struct FederatedSearchTests {
    @Test("a hanging source times out and a failing one errors, while local results come back")
    func slowSourcesDoNotBlockLocal() async throws {
        var registry = TestHost.registry()
        registry.register("Hanging") { id, _, _ in HangingProvider(id: id) }
        registry.register("Failing") { id, _, _ in FailingProvider(id: id) }
        let test = try TestHost(
            plugins: """
                {"providers": [
                  {"id": "slow", "type": "Hanging", "search_timeout_ms": 300},
                  {"id": "local", "type": "LocalFiles", "options": {"watch": false, "rescan_interval_minutes": 0}},
                  {"id": "broken", "type": "Failing"}]}
                """,
            registry: registry)
        try test.addTrack("x.mp3", tags: ["title": "Here Comes The Sun"])
        await test.scan()

        let clock = ContinuousClock()
        let started = clock.now
        let answer = try await test.host.search.search("sun", limit: 10, offset: 0, sources: nil)
        let elapsed = clock.now - started

        #expect(answer.tracks.map(\.title) == ["Here Comes The Sun"])
        let reports = Dictionary(uniqueKeysWithValues: answer.sources.map { ($0.id, $0) })
        #expect(reports["local"]?.status == .ok)
        #expect(reports["slow"]?.status == .timeout)
        #expect(reports["broken"]?.status == .error)
        #expect(reports["broken"]?.message?.contains("429") == true)
        #expect(elapsed < .seconds(3), "the answer waited for the hanging source: \(elapsed)")

        let localOnly = try await test.host.search.search("sun", limit: 10, offset: 0, sources: ["local"])
        #expect(localOnly.sources.map(\.id) == ["local"])
    }
}
