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

    @Test("the watcher tells which folders changed: a new folder as a whole tree, a file in a known folder as that folder")
    func watcherReportsTheParts() async throws {
        let folder = try TemporaryFolder("watch-parts")
        try await AudioFixtures.tone(at: folder.appending("Old Artist/Old Album/01 - Old.mp3"))
        let provider = try LocalFilesProvider(
            id: "local", options: ProviderOptions(["path": .string(folder.path), "debounce_ms": .number(300)]),
            context: ProviderContext(dataDirectory: folder.url, index: NoIndex()))
        let changes = provider.changes()
        let expected: Set<LibraryScope> = [
            LibraryScope(folder: "New Artist", recursive: true), LibraryScope(folder: "Old Artist/Old Album", recursive: false),
        ]
        // However the bursts fall (one or two), what they report together is what changed.
        let collected = Task {
            var reported = Set<LibraryScope>()
            for await change in changes {
                guard case .within(let scopes) = change else { return nil as Set<LibraryScope>? }
                // A file still being written when a burst ends comes again in the next one.
                reported = Set(LibraryScope.normalized(reported.union(scopes)))
                if reported.isSuperset(of: expected) { break }
            }
            return reported
        }
        let deadline = Task {
            try await Task.sleep(for: .seconds(20))
            collected.cancel()
        }
        defer { deadline.cancel() }
        // The watches are set up on the watcher's own thread: give it a moment.
        try await Task.sleep(for: .milliseconds(500))
        try await AudioFixtures.tone(at: folder.appending("New Artist/New Album/01 - New.mp3"))
        try Data("hidden".utf8).write(to: folder.appending("Old Artist/.partial"))
        try await AudioFixtures.tone(at: folder.appending("Old Artist/Old Album/02 - Added.mp3"))

        let reported = await collected.value
        #expect(reported == expected, "a new folder is one tree, a file in a known folder that folder only, hidden files nothing")
    }
}
