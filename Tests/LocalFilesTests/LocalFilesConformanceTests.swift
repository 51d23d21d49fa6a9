import Foundation
@testable import Host
import LocalFiles
import SourceAPI
import TestSupport
import Testing

@Suite("LocalFiles provider")
struct LocalFilesConformanceTests {
    @Test("passes the provider conformance suite")
    func conformance() async throws {
        let test = try TestHost()
        try await test.addTrack("Miles Davis/Kind of Blue/01 - So What.mp3", tags: ["title": "So What", "artist": "Miles Davis"])
        try await test.addTrack("Miles Davis/Kind of Blue/02 - Freddie Freeloader.flac")
        try await test.addTrack("Miles Davis/Kind of Blue/03 - Blue in Green.m4a")
        await test.scan()
        let provider = try #require(test.host.providers.first?.provider)
        try await ProviderConformance(provider: provider, query: "miles").run()
        #expect(try await provider.search(SearchQuery(text: "zzqxjv", limit: 5)).isEmpty)
    }

    @Test("references that leave the library folder are refused", arguments: [
        "../etc/passwd.mp3", "/etc/x.mp3", "a/../../b.mp3", "a//b.mp3", "./a.mp3", "Album/notes.txt",
    ])
    func pathEscapesRefused(id: String) async throws {
        let test = try TestHost()
        let provider = try #require(test.host.providers.first?.provider)
        await #expect(throws: ProviderError.self) { _ = try await provider.fetch(RemoteRef(provider: "local", id: id)) }
        do {
            _ = try await provider.fetch(RemoteRef(provider: "local", id: id))
        } catch let error as ProviderError {
            guard case .invalidReference = error else {
                Issue.record("expected invalidReference, got \(error)")
                return
            }
        }
    }

    @Test("the watcher notices a file copied into a new folder")
    func watcherSeesNewFolders() async throws {
        let folder = try TemporaryFolder("watch")
        let provider = try LocalFilesProvider(
            id: "local", options: ProviderOptions(["path": .string(folder.path), "debounce_ms": .number(100)]),
            context: ProviderContext(dataDirectory: folder.url, index: NoIndex()))
        let changes = provider.changes()
        let noticed = Task {
            var iterator = changes.makeAsyncIterator()
            return await iterator.next() != nil
        }
        try await Task.sleep(for: .milliseconds(300))
        try await AudioFixtures.tone(at: folder.appending("New Artist/New Album/01 - New.mp3"))
        let deadline = Task {
            try await Task.sleep(for: .seconds(10))
            noticed.cancel()
        }
        #expect(await noticed.value)
        deadline.cancel()
    }
}
