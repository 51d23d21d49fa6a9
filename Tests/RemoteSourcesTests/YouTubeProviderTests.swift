import Foundation
@testable import Host
import SourceAPI
import TestSupport
import Testing
@testable import YouTube

@Suite("YouTube provider", .serialized)
struct YouTubeProviderTests {
    @Test("ytmusicapi answers of the documented shape: several artists, null album, missing duration_seconds")
    func parsesRecordedAnswers() throws {
        struct Recorded: Decodable { var songs: [YTMusicSearchResult]; var videos: [YTMusicSearchResult] }
        let recorded = try JSONDecoder().decode(Recorded.self, from: Data(RemoteFixtures.ytmusicResults.utf8))
        let candidates = recorded.songs.compactMap { $0.candidate(provider: "youtube", idRule: { YouTubeProvider.idRule.isValid($0) }) }
        #expect(candidates.count == 2, "the artist result without a videoId is skipped")
        #expect(candidates[0].metadata.title == "Get Lucky")
        #expect(candidates[0].metadata.artist == "Daft Punk, Pharrell Williams")
        #expect(candidates[0].metadata.album == "Random Access Memories")
        #expect(candidates[0].metadata.duration == 369)
        #expect(candidates[0].metadata.year == 2013)
        #expect(candidates[0].artworkURL == "https://i.ytimg.com/large.jpg")
        #expect(candidates[1].metadata.album == nil)
        #expect(candidates[1].metadata.duration == 337, "from the \"5:37\" text when duration_seconds is missing")
        #expect(candidates[1].artworkURL == nil)
        #expect(YTMusicSearchResult.seconds(of: "1:02:03") == 3723)
        #expect(YTMusicSearchResult.seconds(of: "abc") == nil)
    }

    @Test("passes the provider conformance suite (real helper script, real yt-dlp, local media)")
    func conformance() async throws {
        let world = try await RemoteWorld.make()
        let provider = try #require(world.host.providers.first { $0.id == "youtube" }?.provider)
        try await ProviderConformance(provider: provider, query: "lucky", unknownID: "zzzzzzzzzzz").run()
    }

    @Test("ids that could become options or paths are refused before any command runs", arguments: [
        "--exec=touch", "-aaaaaaaaaa", "aaaa/../bbb", "short", "aaaaaaaaaa1 --x", "aaaaaaaaaa1\n", "aaaaaaaaa$1",
    ])
    func injectionRefused(id: String) async throws {
        let world = try await RemoteWorld.make()
        let provider = try #require(world.host.providers.first { $0.id == "youtube" }?.provider)
        for call in [{ _ = try await provider.fetch(RemoteRef(provider: "youtube", id: id)) },
                     { _ = try await provider.resolve(RemoteRef(provider: "youtube", id: id)) }] as [() async throws -> Void] {
            do {
                try await call()
                Issue.record("\(id) was accepted")
            } catch let error as ProviderError {
                guard case .invalidReference = error else {
                    Issue.record("\(id): expected invalidReference, got \(error)")
                    return
                }
            }
        }
    }

    @Test("the helper is restarted after it dies, and after a request that hangs")
    func helperRestarts() async throws {
        let world = try await RemoteWorld.make(youTubeTimeoutMilliseconds: 4000)
        let provider = try #require(world.host.providers.first { $0.id == "youtube" }?.provider)
        #expect(try await provider.search(SearchQuery(text: "lucky", limit: 5)).count == 2)

        await #expect(throws: ProviderError.self) { _ = try await provider.search(SearchQuery(text: "crash", limit: 5)) }
        #expect(try await provider.search(SearchQuery(text: "lucky", limit: 5)).count == 2)

        await #expect(throws: ProviderError.self) { _ = try await provider.search(SearchQuery(text: "hang", limit: 5)) }
        #expect(try await provider.search(SearchQuery(text: "lucky", limit: 1)).count == 1)
        try await Task.sleep(for: .milliseconds(800))
        let helpers = RemoteFixtures.processes(withEnvironmentContaining: world.tools.path)
        #expect(helpers.count == 1, "only the current helper runs; the stuck one was killed: \(helpers)")
    }

    @Test("a hanging YouTube search is a timeout in federated search; local results still come back")
    func hangingSearchTimesOut() async throws {
        let world = try await RemoteWorld.make(searchTimeoutMilliseconds: 2000)
        try await world.test.addTrack("hang.mp3", tags: ["title": "hang in there"])
        await world.test.scan()
        let clock = ContinuousClock()
        let start = clock.now
        let answer = try await world.host.search.search("hang", limit: 10, offset: 0, sources: ["local", "youtube"])
        #expect(clock.now - start < .seconds(6))
        #expect(answer.tracks.map(\.title) == ["hang in there"])
        #expect(answer.sources.first { $0.id == "youtube" }?.status == .timeout)
        await world.host.shutdown()
        try await Task.sleep(for: .milliseconds(800))
        #expect(RemoteFixtures.processes(withEnvironmentContaining: world.tools.path).isEmpty, "shutdown stops the helper")
    }
}
