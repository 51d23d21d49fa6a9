import Foundation
@testable import LocalFiles
import SourceAPI
import TestSupport
import Testing

@Suite("Walking the library folder")
struct LibraryWalkerTests {
    @Test("lists audio files with size and mtime, skips hidden and non-audio files, finds folder covers")
    func listsAudio() async throws {
        let folder = try TemporaryFolder("walk")
        try await AudioFixtures.tone(at: folder.appending("A/B/1.mp3"))
        try await AudioFixtures.tone(at: folder.appending("A/B/2.flac"))
        try await AudioFixtures.image(at: folder.appending("A/B/cover.jpg"))
        try await AudioFixtures.image(at: folder.appending("A/B/back.jpg"))
        try Data("notes".utf8).write(to: folder.appending("A/B/notes.txt"))
        try await AudioFixtures.tone(at: folder.appending(".hidden/3.mp3"))
        try await AudioFixtures.tone(at: folder.appending("Odd 'name' & #1 %?.mp3"))

        let listing = LibraryWalker(root: folder.path).walk()
        #expect(listing.entries.map(\.path) == ["A/B/1.mp3", "A/B/2.flac", "Odd 'name' & #1 %?.mp3"])
        #expect(listing.entries.allSatisfy { $0.size > 0 && $0.modifiedNanoseconds > 0 })
        #expect(listing.entries[0].folderImage == "A/B/cover.jpg")
        #expect(listing.entries[2].folderImage == nil)
        #expect(listing.problems.isEmpty)
    }

    @Test("a symbolic link loop is reported, not followed forever; a linked folder is followed once")
    func symlinkLoop() async throws {
        let folder = try TemporaryFolder("loop")
        try await AudioFixtures.tone(at: folder.appending("Real/song.mp3"))
        try FileManager.default.createSymbolicLink(atPath: folder.appending("Real/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder.appending("Linked").path, withDestinationPath: "Real")

        let listing = LibraryWalker(root: folder.path).walk()
        #expect(listing.entries.count == 1)
        #expect(listing.problems.contains { $0.contains("loop") })
    }

    @Test("a partial walk lists the files of its parts only: one folder's own, or a whole tree; a gone folder lists nothing")
    func partialWalk() async throws {
        let folder = try TemporaryFolder("walk-parts")
        try await AudioFixtures.tone(at: folder.appending("A/1.mp3"))
        try await AudioFixtures.image(at: folder.appending("A/cover.jpg"))
        try await AudioFixtures.tone(at: folder.appending("A/B/2.mp3"))
        try await AudioFixtures.tone(at: folder.appending("A/B/C/3.mp3"))
        try await AudioFixtures.tone(at: folder.appending("D/4.mp3"))
        try await AudioFixtures.tone(at: folder.appending("top.mp3"))
        let walker = LibraryWalker(root: folder.path)

        let own = walker.walk([LibraryScope(folder: "A", recursive: false)])
        #expect(own.entries.map(\.path) == ["A/1.mp3"])
        #expect(own.entries.first?.folderImage == "A/cover.jpg")
        #expect(walker.walk([LibraryScope(folder: "A/B", recursive: true)]).entries.map(\.path) == ["A/B/2.mp3", "A/B/C/3.mp3"])
        #expect(walker.walk([LibraryScope(folder: "", recursive: false)]).entries.map(\.path) == ["top.mp3"])
        // Overlapping parts list each file once, in path order like a whole walk.
        let both = walker.walk([
            LibraryScope(folder: "A", recursive: true), LibraryScope(folder: "A/B", recursive: false), LibraryScope(folder: "D", recursive: false),
        ])
        #expect(both.entries.map(\.path) == ["A/1.mp3", "A/B/2.mp3", "A/B/C/3.mp3", "D/4.mp3"])
        let gone = walker.walk([LibraryScope(folder: "Gone/Album", recursive: true), LibraryScope(folder: "A/1.mp3", recursive: false)])
        #expect(gone.entries.isEmpty)
        #expect(gone.problems.isEmpty)
        #expect(walker.walk([LibraryScope(folder: ".hidden", recursive: true)]).entries.isEmpty)
    }

    @Test("a partial walk does not leave the roots through a linked folder")
    func partialWalkThroughLinks() async throws {
        let folder = try TemporaryFolder("walk-parts-links")
        let outside = try TemporaryFolder("walk-parts-outside")
        try await AudioFixtures.tone(at: outside.appending("Secret/1.mp3"))
        try await AudioFixtures.tone(at: folder.appending("Real/2.mp3"))
        try FileManager.default.createSymbolicLink(atPath: folder.appending("Out").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: folder.appending("In").path, withDestinationPath: "Real")
        let walker = LibraryWalker(root: folder.path)
        #expect(walker.walk([LibraryScope(folder: "Out/Secret", recursive: true)]).entries.isEmpty)
        #expect(walker.walk([LibraryScope(folder: "In", recursive: false)]).entries.map(\.path) == ["In/2.mp3"])
    }
}
