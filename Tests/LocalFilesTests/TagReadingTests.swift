import Foundation
@testable import LocalFiles
import SourceAPI
import TestSupport
import Testing

@Suite("Reading tags with TagLib")
struct TagReadingTests {
    let tags: AudioFixtures.Tags = [
        "title": "Ça Plane Pour Moi", "artist": "Plastic Bertrand", "album": "AN1", "album_artist": "Various Ärtists",
        "genre": "Punk", "date": "1977", "track": "3/12", "disc": "2/2",
    ]

    func provider(root: URL) throws -> LocalFilesProvider {
        try LocalFilesProvider(
            id: "local", options: ProviderOptions(["path": .string(root.path)]),
            context: ProviderContext(dataDirectory: root, index: NoIndex()))
    }

    @Test("every format: title, artists, album, genre, year, track, disc, duration, bitrate", arguments: AudioFixtures.Format.allCases)
    func readsEveryFormat(format: AudioFixtures.Format) async throws {
        let folder = try TemporaryFolder("tags")
        let name = "song.\(format.rawValue)"
        try await AudioFixtures.tone(at: folder.appending(name), seconds: 2, tags: tags)
        let entry = LibraryEntry(path: name, size: 1, modifiedNanoseconds: 0)
        let metadata = try provider(root: folder.url).readMetadata(of: entry)
        #expect(metadata.title == "Ça Plane Pour Moi")
        #expect(metadata.artist == "Plastic Bertrand")
        #expect(metadata.album == "AN1")
        // WAV's RIFF INFO chunk has no album artist or disc number fields.
        if format != .wav { #expect(metadata.albumArtist == "Various Ärtists") }
        #expect(metadata.genre == "Punk")
        #expect(metadata.year == 1977)
        #expect(metadata.trackNumber == 3)
        if format != .wav { #expect(metadata.discNumber == 2) }
        #expect(abs((metadata.duration ?? 0) - 2) < 0.2)
        #expect((metadata.bitrate ?? 0) > 0)
        #expect(metadata.format == (format == .opus ? "opus" : format.rawValue))
    }

    @Test("embedded covers are found in MP3, FLAC and M4A", arguments: [AudioFixtures.Format.mp3, .flac, .m4a])
    func embeddedCover(format: AudioFixtures.Format) async throws {
        let folder = try TemporaryFolder("cover")
        let name = "c.\(format.rawValue)"
        try await AudioFixtures.tone(at: folder.appending(name), tags: ["title": "C"], embeddedCover: true)
        let provider = try provider(root: folder.url)
        let metadata = try provider.readMetadata(of: LibraryEntry(path: name, size: 1, modifiedNanoseconds: 0))
        #expect(metadata.hasEmbeddedCover)
        let artwork = try #require(try await provider.artwork(for: RemoteRef(provider: "local", id: name)))
        #expect(artwork.contentType == "image/jpeg")
        #expect(artwork.bytes.starts(with: [0xFF, 0xD8]))
    }

    @Test("a folder image is the cover when the file embeds none")
    func folderImageCover() async throws {
        let folder = try TemporaryFolder("folder-cover")
        try await AudioFixtures.tone(at: folder.appending("Album/a.mp3"), tags: ["title": "A"])
        try await AudioFixtures.image(at: folder.appending("Album/folder.png"))
        let artwork = try #require(try await provider(root: folder.url).artwork(for: RemoteRef(provider: "local", id: "Album/a.mp3")))
        #expect(artwork.contentType == "image/png")
    }

    @Test("untagged files take artist, album, number and title from the folders")
    func untaggedFallback() async throws {
        let folder = try TemporaryFolder("untagged")
        let path = "Nina Simone/Pastel Blues/04 - Sinnerman.wav"
        try await AudioFixtures.tone(at: folder.appending(path))
        let metadata = try provider(root: folder.url).readMetadata(of: LibraryEntry(path: path, size: 1, modifiedNanoseconds: 0))
        #expect(metadata.title == "Sinnerman")
        #expect(metadata.artist == "Nina Simone")
        #expect(metadata.album == "Pastel Blues")
        #expect(metadata.trackNumber == 4)
    }

    @Test("corrupt and empty files are refused with a reason")
    func brokenFiles() throws {
        let folder = try TemporaryFolder("broken")
        try AudioFixtures.corrupt(at: folder.appending("noise.mp3"))
        _ = FileManager.default.createFile(atPath: folder.appending("empty.flac").path, contents: Data())
        let provider = try provider(root: folder.url)
        #expect(throws: LocalFileError.self) {
            try provider.readMetadata(of: LibraryEntry(path: "noise.mp3", size: 8192, modifiedNanoseconds: 0))
        }
        #expect(throws: LocalFileError.empty(path: "empty.flac")) {
            try provider.readMetadata(of: LibraryEntry(path: "empty.flac", size: 0, modifiedNanoseconds: 0))
        }
    }
}

/// An index with nothing in it, for tests that do not search.
struct NoIndex: LibraryIndex {
    func search(_ query: SearchQuery, in provider: ProviderID) async throws -> [TrackCandidate] { [] }
}
