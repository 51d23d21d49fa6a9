import Foundation
@testable import Host
import TestSupport
import Testing

@Suite("Library scanner")
struct LibraryScannerTests {
    @Test("a first scan adds every readable file, counts broken ones and reports progress")
    func firstScan() async throws {
        let test = try TestHost(label: "scan")
        try await test.addTrack("Artist/Album/01 - One.mp3", tags: ["title": "One"])
        try await test.addTrack("Artist/Album/02 - Two.flac")
        try AudioFixtures.corrupt(at: test.library.appendingPathComponent("Broken/noise.mp3"))
        _ = FileManager.default.createFile(atPath: test.library.appendingPathComponent("Broken/empty.m4a").path, contents: Data())

        let result = await test.scan()
        #expect(result.phase == .done)
        #expect(result.running == false)
        #expect(result.filesTotal == 4)
        #expect(result.filesDone == 4)
        #expect(result.added == 2)
        #expect(result.failed == 2)
        #expect(result.problems.contains { $0.contains("Broken/empty.m4a") && $0.contains("empty") })
        #expect(try await test.host.catalog.scanFailures().map(\.path) == ["Broken/empty.m4a", "Broken/noise.mp3"])
        #expect(try await test.track(at: "Artist/Album/02 - Two.flac")?.title == "Two")
    }

    @Test("a rescan never opens files whose size and mtime are unchanged")
    func unchangedFilesAreNotOpened() async throws {
        let test = try TestHost(label: "rescan")
        let url = try await test.addTrack("A/B/song.mp3", tags: ["title": "Original"])
        try AudioFixtures.corrupt(at: test.library.appendingPathComponent("bad.mp3"))
        await test.scan()
        let before = try #require(try await test.track(at: "A/B/song.mp3"))

        // Same size, same mtime, garbage inside: only opening the file would notice.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber).intValue
        try FileTimes.keepingModificationTime(of: url.path) {
            try Data(repeating: 0x41, count: size).write(to: url)
        }

        let result = await test.scan()
        #expect(result.unchanged == 1)
        #expect(result.updated == 0)
        #expect(result.failed == 1, "the known-broken file is counted, not reread")
        #expect(try await test.track(at: "A/B/song.mp3") == before)
    }

    @Test("a changed file is reread and keeps its id")
    func changedFileKeepsID() async throws {
        let test = try TestHost(label: "changed")
        try await test.addTrack("song.mp3", tags: ["title": "Before"])
        await test.scan()
        let id = try #require(try await test.track(at: "song.mp3")?.id)

        try await Task.sleep(for: .milliseconds(20))
        try await test.addTrack("song.mp3", tags: ["title": "After"], seconds: 2)
        let result = await test.scan()
        #expect(result.updated == 1)
        let track = try #require(try await test.track(at: "song.mp3"))
        #expect(track.id == id)
        #expect(track.title == "After")
        #expect(try await test.host.search.search("after", limit: 5, offset: 0, sources: nil).tracks.map(\.id) == [id])
        #expect(try await test.host.search.search("before", limit: 5, offset: 0, sources: nil).tracks.isEmpty)
    }

    @Test("a moved file keeps its id; a deleted file leaves the catalog")
    func moveAndDelete() async throws {
        let test = try TestHost(label: "move")
        try await test.addTrack("Old/moved.mp3", tags: ["title": "Mover", "artist": "X", "album": "Y"])
        try await test.addTrack("Old/deleted.mp3", tags: ["title": "Goner"], frequency: 500)
        try await test.addTrack("keep.mp3", tags: ["title": "Keeper"], frequency: 600)
        await test.scan()
        let id = try #require(try await test.track(at: "Old/moved.mp3")?.id)

        let library = test.library
        try FileManager.default.createDirectory(at: library.appendingPathComponent("New"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: library.appendingPathComponent("Old/moved.mp3"), to: library.appendingPathComponent("New/moved.mp3"))
        try FileManager.default.removeItem(at: library.appendingPathComponent("Old/deleted.mp3"))

        let result = await test.scan()
        #expect(result.moved == 1)
        #expect(result.removed == 1)
        #expect(result.added == 0)
        #expect(try await test.track(at: "New/moved.mp3")?.id == id)
        #expect(try await test.track(at: "Old/deleted.mp3") == nil)
        #expect(try await test.host.catalog.track(id: id).localPath == "New/moved.mp3")
    }

    @Test("an emptied library folder (an unmounted disk) does not wipe the catalog")
    func emptyLibraryKeepsCatalog() async throws {
        let test = try TestHost(label: "unmounted")
        try await test.addTrack("a.mp3", tags: ["title": "Stay"])
        await test.scan()
        try FileManager.default.removeItem(at: test.library.appendingPathComponent("a.mp3"))
        let result = await test.scan()
        #expect(result.removed == 0)
        #expect(result.problems.contains { $0.contains("is the disk mounted") })
        #expect(try await test.track(at: "a.mp3") != nil)
    }

    @Test("a full scan rereads everything; a second start while one runs does not start another")
    func fullScanAndSingleFlight() async throws {
        let test = try TestHost(label: "full")
        let template = try await test.addTrack("template/t.mp3")
        for index in 0..<300 {
            let target = test.library.appendingPathComponent("Band \(index % 10)/Album \(index % 30)/\(index) - Song \(index).mp3")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: template, to: target)
        }
        #expect(test.host.scanner.start(full: true))
        #expect(test.host.scanner.start(full: true) == false)
        // The API keeps answering while the scan writes.
        for _ in 0..<5 {
            _ = try await test.host.search.search("song", limit: 5, offset: 0, sources: nil)
            _ = test.host.scanner.progress
        }
        await test.host.scanner.waitUntilIdle()
        let first = test.host.scanner.progress
        #expect(first.added == 301)
        #expect(first.full)
        let again = await test.scan(full: true)
        #expect(again.updated == 301)
        #expect(again.unchanged == 0)
        #expect(try await test.host.catalog.totals(librarySources: ["local"]).libraryTracks == 301)
    }
}
