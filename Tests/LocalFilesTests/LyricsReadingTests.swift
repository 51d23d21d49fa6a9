import CTagLibWriter
import Foundation
@testable import LocalFiles
import SourceAPI
import TestSupport
import Testing

/// Lyrics of real files: `.lrc` sidecars and tags written by ffmpeg and by TagLib itself.
@Suite("Reading lyrics from sidecar files and tags")
struct LyricsReadingTests {
    static let verse = "First line\nSecond line\n\nAfter a break"

    func provider(root: URL) throws -> LocalFilesProvider {
        try LocalFilesProvider(
            id: "local", options: ProviderOptions(["path": .string(root.path)]),
            context: ProviderContext(dataDirectory: root, index: NoIndex()))
    }

    func lyrics(_ name: String, in folder: TemporaryFolder) async throws -> [Lyrics] {
        try await provider(root: folder.url).lyrics(for: RemoteRef(provider: "local", id: name))
    }

    @Test("a lyrics tag written by ffmpeg is read from every format that has one (ID3v2 TXXX, Xiph, MP4)",
          arguments: [AudioFixtures.Format.mp3, .flac, .ogg, .opus, .m4a])
    func ffmpegTag(format: AudioFixtures.Format) async throws {
        let folder = try TemporaryFolder("lyrics-tag")
        let name = "song.\(format.rawValue)"
        try await AudioFixtures.tone(at: folder.appending(name), tags: ["title": "S", "lyrics": Self.verse])
        let found = try await lyrics(name, in: folder)
        #expect(found.count == 1)
        let set = try #require(found.first)
        #expect(set.origin == .embedded)
        #expect(!set.isSynced)
        #expect(set.lines.map(\.text) == ["First line", "Second line", "", "After a break"])
        #expect(set.lines.allSatisfy { $0.start == nil })
    }

    @Test("an embedded text that is LRC comes back synced")
    func embeddedLRC() async throws {
        let folder = try TemporaryFolder("lyrics-embedded-lrc")
        try await AudioFixtures.tone(at: folder.appending("s.flac"), tags: ["lyrics": "[offset:-100]\n[00:00.50]Hi\n[00:01.25]There"])
        let set = try #require(try await lyrics("s.flac", in: folder).first)
        #expect(set.isSynced)
        #expect(set.offsetMilliseconds == -100)
        #expect(set.lines == [LyricsLine(start: 500, text: "Hi"), LyricsLine(start: 1_250, text: "There")])
    }

    @Test("ID3v2 USLT and SYLT frames written by TagLib: the text, the timed lines, each frame's language; synced first")
    func id3Frames() async throws {
        let folder = try TemporaryFolder("lyrics-id3")
        let url = try await AudioFixtures.tone(at: folder.appending("s.mp3"), tags: ["title": "S"])
        #expect(tw_add_unsynced_lyrics(url.path, "deu", "Erste Zeile\r\nZweite Zeile") == 1)
        let times: [UInt32] = [2_000, 500, 1_000]
        let words = ["\nThird", "First", "\nSecond"]
        withCStrings(words) { texts in
            #expect(tw_add_synced_lyrics(url.path, "eng", times, texts, times.count, 0) == 1)
        }
        let found = try await lyrics("s.mp3", in: folder)
        #expect(found.map(\.isSynced) == [true, false])
        #expect(found[0].language == "eng")
        #expect(found[0].lines == [
            LyricsLine(start: 500, text: "First"), LyricsLine(start: 1_000, text: "Second"), LyricsLine(start: 2_000, text: "Third"),
        ])
        #expect(found[1].language == "deu")
        #expect(found[1].lines.map(\.text) == ["Erste Zeile", "Zweite Zeile"])
    }

    @Test("a SYLT frame timed in MPEG frames is skipped (its times would be guesses); XXX is no language")
    func mpegFrameStamps() async throws {
        let folder = try TemporaryFolder("lyrics-sylt-frames")
        let url = try await AudioFixtures.tone(at: folder.appending("s.mp3"))
        withCStrings(["a"]) { texts in
            #expect(tw_add_synced_lyrics(url.path, "eng", [10], texts, 1, 1) == 1)
        }
        #expect(tw_add_unsynced_lyrics(url.path, "XXX", "only this") == 1)
        let found = try await lyrics("s.mp3", in: folder)
        #expect(found.count == 1)
        #expect(found.first?.isSynced == false)
        #expect(found.first?.language == nil)
    }

    @Test("a sidecar Song.lrc beside Song.mp3 is synced and comes first; Song.LRC is found too; another name is not")
    func sidecar() async throws {
        let folder = try TemporaryFolder("lyrics-sidecar")
        try await AudioFixtures.tone(at: folder.appending("Album/01 Song.mp3"), tags: ["lyrics": "plain words"])
        try Data("[ar:Ignored]\n[00:03.00]Three\n[00:01.00]One\n".utf8).write(to: folder.appending("Album/01 Song.lrc"))
        let found = try await lyrics("Album/01 Song.mp3", in: folder)
        #expect(found.map(\.origin) == [.sidecar, .embedded])
        #expect(found[0].lines == [LyricsLine(start: 1_000, text: "One"), LyricsLine(start: 3_000, text: "Three")])

        try await AudioFixtures.tone(at: folder.appending("Album/02 Other.flac"))
        try Data("[00:01.00]Upper".utf8).write(to: folder.appending("Album/02 Other.LRC"))
        #expect(try await lyrics("Album/02 Other.flac", in: folder).first?.lines.first?.text == "Upper")

        try await AudioFixtures.tone(at: folder.appending("Album/03 Bare.mp3"))
        try Data("[00:01.00]Not mine".utf8).write(to: folder.appending("Album/03 Bare.mp3.lrc"))
        #expect(try await lyrics("Album/03 Bare.mp3", in: folder).isEmpty)
    }

    @Test("a sidecar that links out of the library, or is a FIFO, is not read; a huge one is read only to 512 KiB")
    func hostileSidecars() async throws {
        let folder = try TemporaryFolder("lyrics-hostile")
        let outside = try TemporaryFolder("lyrics-outside")
        try Data("[00:01.00]secret".utf8).write(to: outside.appending("secret.txt"))
        let library = folder.appending("library")
        try await AudioFixtures.tone(at: library.appendingPathComponent("linked.mp3"))
        try FileManager.default.createSymbolicLink(
            atPath: library.appendingPathComponent("linked.lrc").path, withDestinationPath: outside.appending("secret.txt").path)
        let root = try provider(root: library)
        #expect(try await root.lyrics(for: RemoteRef(provider: "local", id: "linked.mp3")).isEmpty)

        try await AudioFixtures.tone(at: library.appendingPathComponent("fifo.mp3"))
        #expect(mkfifo(library.appendingPathComponent("fifo.lrc").path, 0o644) == 0)
        // Would block forever if opened for reading without O_NONBLOCK.
        #expect(try await root.lyrics(for: RemoteRef(provider: "local", id: "fifo.mp3")).isEmpty)

        try await AudioFixtures.tone(at: library.appendingPathComponent("huge.mp3"))
        // 630 KB in 700 lines: past the byte bound, far within the line bound.
        let filler = String(repeating: "[00:02.00]" + String(repeating: "x", count: 890) + "\n", count: 700)
        try Data(("[00:01.00]start\n" + filler + "[00:09.00]past the limit\n").utf8).write(to: library.appendingPathComponent("huge.lrc"))
        let huge = try #require(try await root.lyrics(for: RemoteRef(provider: "local", id: "huge.mp3")).first)
        #expect(huge.lines.first?.text == "start")
        #expect(!huge.lines.contains { $0.text == "past the limit" })
        #expect(huge.lines.count < 700)
    }

    @Test("a file with no lyrics has none; a reference out of the library is refused")
    func none() async throws {
        let folder = try TemporaryFolder("lyrics-none")
        try await AudioFixtures.tone(at: folder.appending("quiet.wav"))
        #expect(try await lyrics("quiet.wav", in: folder).isEmpty)
        await #expect(throws: ProviderError.self) { try await lyrics("../quiet.wav", in: folder) }
    }
}

/// `body` with `strings` as an array of C strings that live until it returns.
func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws -> Result) rethrows -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return try pointers.withUnsafeBufferPointer { try body($0.baseAddress!) }
}
