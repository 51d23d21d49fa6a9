import Foundation
@testable import LocalFiles
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
}
