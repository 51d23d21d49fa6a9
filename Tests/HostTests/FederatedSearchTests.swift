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

/// A source whose tool fails, with what the tool printed.
struct FailingProvider: SourceProvider {
    let id: ProviderID
    let capabilities: ProviderCapabilities = [.search, .remote]
    var output = "yt-dlp exited with status 1: HTTP Error 429"
    func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        throw ProviderError.unavailable(output)
    }
    func resolve(_ ref: RemoteRef) async throws -> TrackMetadata { throw ProviderError.notFound(ref) }
    func fetch(_ ref: RemoteRef) async throws -> AudioSource { throw ProviderError.notFound(ref) }
}

@Suite("Federated search")
struct FederatedSearchTests {
    // A cause, not a wall-clock time (a full parallel run on 2 cores stretches every test
    // fiftyfold): the hanging source never answers, so an answer at all means its deadline
    // ended the wait. How long a search takes is the benchmarks' business.
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
        try await test.addTrack("x.mp3", tags: ["title": "Here Comes The Sun"])
        await test.scan()

        let answer = try await test.host.search.search("sun", limit: 10, offset: 0, sources: nil)

        #expect(answer.tracks.map(\.title) == ["Here Comes The Sun"])
        let reports = Dictionary(uniqueKeysWithValues: answer.sources.map { ($0.id, $0) })
        #expect(reports["local"]?.status == .ok)
        #expect(reports["slow"]?.status == .timeout)
        #expect(reports["broken"]?.status == .error)
        #expect(reports["broken"]?.message?.contains("429") == true)

        let localOnly = try await test.host.search.search("sun", limit: 10, offset: 0, sources: ["local"])
        #expect(localOnly.sources.map(\.id) == ["local"])
    }

    /// What yt-dlp prints can name this server's folders and addresses: users read a plain
    /// sentence, admins (the sources page) the whole text.
    @Test("a failing source tells users a plain sentence and keeps the tool's output for the admin")
    func failureDetailIsForAdmins() async throws {
        let output = """
            Traceback (most recent call last):
              File "/home/family/myspotify/.venv/lib/python3.11/site-packages/yt_dlp/YoutubeDL.py", line 1626
            ERROR: [generic] Unable to download webpage: <urlopen error [Errno -3] Temporary failure in name resolution> (caused by URLError) http://192.168.1.20:8080/private?token=s3cret
            """
        var registry = TestHost.registry()
        registry.register("Failing") { id, _, _ in FailingProvider(id: id, output: output) }
        let test = try TestHost(plugins: #"{"providers": [{"id": "broken", "type": "Failing"}]}"#, registry: registry)
        let answer = try await test.host.search.search("anything", limit: 10, offset: 0, sources: nil)
        let report = try #require(answer.sources.first)
        #expect(report.status == .error)
        #expect(report.message == "Broken could not be reached: check this server's internet connection")
        for leak in ["/home/family", "Traceback", "192.168.1.20", "s3cret", "yt_dlp"] {
            #expect(report.message?.contains(leak) == false, "the user's message shows \(leak)")
        }
        let admin = try #require(await test.host.admin.sources().first)
        #expect(admin.lastError?.message.contains("Temporary failure in name resolution") == true)
        #expect(admin.lastError?.message.contains("/home/family") == true, "the admin sees the whole output")
        let everyone = try #require(await test.host.providerStatuses().first)
        #expect(everyone.lastError == nil)
    }
}
