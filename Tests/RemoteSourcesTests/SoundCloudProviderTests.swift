import Foundation
@testable import Host
import SourceAPI
import TestSupport
import Testing
@testable import SoundCloud

@Suite("SoundCloud provider", .serialized)
struct SoundCloudProviderTests {
    @Test("passes the provider conformance suite (recorded scsearch, real yt-dlp, local media)")
    func conformance() async throws {
        let world = try await RemoteWorld.make()
        let provider = try #require(world.host.providers.first { $0.id == "soundcloud" }?.provider)
        let candidates = try await provider.search(SearchQuery(text: "night", limit: 5))
        #expect(candidates.map(\.ref.id) == ["someartist/night-drive", "other_artist/untitled-loop"])
        #expect(candidates[0].metadata.title == "Night Drive")
        #expect(candidates[1].metadata.title == "untitled loop")
        #expect(candidates[1].metadata.artist == "other_artist")
        try await ProviderConformance(provider: provider, query: "night", unknownID: "nobody/nothing").run()
    }

    @Test("ids that could become options or paths are refused", arguments: ["--exec/x", "a/../b", "a", "a/b/c", "-a/b", "a/b c"])
    func injectionRefused(id: String) async throws {
        let world = try await RemoteWorld.make()
        let provider = try #require(world.host.providers.first { $0.id == "soundcloud" }?.provider)
        await #expect(throws: ProviderError.self) { _ = try await provider.fetch(RemoteRef(provider: "soundcloud", id: id)) }
    }
}

@Suite("Remote provider health")
struct RemoteHealthTests {
    @Test("a missing yt-dlp makes a provider unhealthy with a message that says what to do")
    func missingTool() async throws {
        let test = try TestHost(plugins: """
            {"providers": [{"id": "soundcloud", "type": "SoundCloud", "options": {"yt_dlp": "/nonexistent/yt-dlp"}}]}
            """)
        let status = try #require(await test.host.admin.sources().first)
        #expect(status.healthy == false)
        #expect(status.problem?.contains("/nonexistent/yt-dlp") == true, "\(status.problem ?? "")")
        #expect(status.problem?.contains("scripts/setup") == true)
        // Everyone else reads a plain sentence: no command, no path.
        let plain = try #require(await test.host.providerStatuses().first)
        #expect(plain.healthy == false)
        #expect(plain.problem == "SoundCloud is not available right now")
    }

    @Test("with its tools in place a remote provider is healthy")
    func healthy() async throws {
        let world = try await RemoteWorld.make()
        let statuses = await world.host.admin.sources()
        let unhealthy = statuses.filter { !$0.healthy }
        #expect(unhealthy.isEmpty, "\(unhealthy)")
    }
}
