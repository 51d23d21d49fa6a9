@testable import LocalFiles
import Testing

@Suite("Folder layout fallback")
struct FolderLayoutTests {
    @Test("Artist/Album/NN - Title.ext", arguments: [
        ("Daft Punk/Discovery/01 - One More Time.mp3", FolderLayout(artist: "Daft Punk", album: "Discovery", trackNumber: 1, title: "One More Time")),
        ("A/B/07. Title.flac", FolderLayout(artist: "A", album: "B", trackNumber: 7, title: "Title")),
        ("A/B/12 Title With Spaces.ogg", FolderLayout(artist: "A", album: "B", trackNumber: 12, title: "Title With Spaces")),
        ("A/B/1-03 Disc Track.m4a", FolderLayout(artist: "A", album: "B", trackNumber: 3, title: "Disc Track")),
        ("Album Only/05_-_Under_Score.mp3", FolderLayout(album: "Album Only", trackNumber: 5, title: "Under Score")),
        ("Artist - Song.mp3", FolderLayout(artist: "Artist", title: "Song")),
        ("Just A Title.wav", FolderLayout(title: "Just A Title")),
        ("Sigur Rós/Ágætis byrjun/02 - Svefn-g-englar.flac", FolderLayout(artist: "Sigur Rós", album: "Ágætis byrjun", trackNumber: 2, title: "Svefn-g-englar")),
        ("X/Y/1999.mp3", FolderLayout(artist: "X", album: "Y", title: "1999")),
    ])
    func parses(path: String, expected: FolderLayout) {
        #expect(FolderLayout(relativePath: path) == expected)
    }
}
