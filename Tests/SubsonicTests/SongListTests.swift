import Foundation
import TestSupport
import Testing

/// Songs chosen by a rule: at random, by genre, like a seed, an artist's top songs. All
/// from the library; the remote song the household searched for appears in none of them.
@Suite("Subsonic song lists: random, by genre, similar, top")
struct SongListTests {
    static func titles(_ client: SubsonicTestClient, _ method: String, _ key: String, _ parameters: [(String, String)]) async throws -> [String] {
        try await client.ok(method, parameters).list(key, "song").strings("title")
    }

    @Test("getRandomSongs: ten by default, the library only, filtered by genre and years")
    func random() async throws {
        try await BrowseLibrary.run(label: "songs-random", marks: false) { library, ada, _ async throws in
            let ten = try await Self.titles(ada, "getRandomSongs", "randomSongs", [])
            #expect(ten.count == 10 && Set(ten).count == 10)
            let all = try await ada.ok("getRandomSongs", [("size", "500")]).list("randomSongs", "song")
            #expect(all.count == BrowseLibrary.libraryTrackCount)
            #expect(!all.strings("id").contains(library.remoteTrack))
            let jazz = try await ada.ok("getRandomSongs", [("size", "50"), ("genre", "jazz")]).list("randomSongs", "song")
            #expect(Set(jazz.strings("title")) == ["So What", "Freddie Freeloader", "Blue Train", "Moment's Notice"])
            let years = try await Self.titles(ada, "getRandomSongs", "randomSongs", [("size", "50"), ("fromYear", "1958"), ("toYear", "1961")])
            #expect(Set(years) == ["So What", "Freddie Freeloader", "Non, je ne regrette rien"])
            let from = try await Self.titles(ada, "getRandomSongs", "randomSongs", [("size", "50"), ("fromYear", "1977")])
            #expect(Set(from) == ["Dreams", "Dear Mama"])
        }
    }

    @Test("getSongsByGenre: the genre's library songs in a stable order, a page at a time")
    func byGenre() async throws {
        try await BrowseLibrary.run(label: "songs-genre", marks: false) { _, ada, _ async throws in
            let rock = ["Dreams", "Come Together", "Something", "Here Comes the Sun", "Two of Us", "Let It Be"]
            let all = try await Self.titles(ada, "getSongsByGenre", "songsByGenre", [("genre", "Rock"), ("count", "50")])
            #expect(all == rock)
            #expect(try await Self.titles(ada, "getSongsByGenre", "songsByGenre", [("genre", "ROCK"), ("count", "4")]) == Array(rock.prefix(4)))
            #expect(try await Self.titles(ada, "getSongsByGenre", "songsByGenre", [("genre", "rock"), ("count", "4"), ("offset", "4")])
                == Array(rock.suffix(2)))
            #expect(try await Self.titles(ada, "getSongsByGenre", "songsByGenre", [("genre", "Polka")]) == [])
        }
    }

    @Test("getSimilarSongs(2): the seed's artist first, then its genres; never the seed, never remote songs")
    func similar() async throws {
        try await BrowseLibrary.run(label: "songs-similar", marks: false) { library, ada, _ async throws in
            let otherBeatles: Set = ["Come Together", "Here Comes the Sun", "Two of Us", "Let It Be"]
            for method in ["getSimilarSongs", "getSimilarSongs2"] {
                let key = method == "getSimilarSongs" ? "similarSongs" : "similarSongs2"
                let fromSong = try await Self.titles(ada, method, key, [("id", try library.track("Something"))])
                #expect(Set(fromSong.prefix(4)) == otherBeatles && fromSong.dropFirst(4) == ["Dreams"], "\(method): \(fromSong)")
                let two = try await Self.titles(ada, method, key, [("id", try library.track("Something")), ("count", "2")])
                #expect(two.count == 2 && otherBeatles.isSuperset(of: two))
                let fromAlbum = try await Self.titles(ada, method, key, [("id", try library.album("Abbey Road"))])
                #expect(Set(fromAlbum.prefix(2)) == ["Two of Us", "Let It Be"] && fromAlbum.dropFirst(2) == ["Dreams"], "\(fromAlbum)")
                let fromArtist = try await Self.titles(ada, method, key, [("id", try library.artist("The Beatles"))])
                #expect(Set(fromArtist.prefix(5)) == otherBeatles.union(["Something"]) && fromArtist.dropFirst(5) == ["Dreams"])
                // A remote song leads to the library's songs by its artist's name and its genre.
                let fromRemote = try await ada.ok(method, [("id", library.remoteTrack)]).list(key, "song")
                #expect(Set(Array(fromRemote.prefix(5)).strings("title")) == otherBeatles.union(["Something"]))
                #expect(!fromRemote.strings("id").contains(library.remoteTrack))
                #expect(try await Self.titles(ada, method, key, [("id", try library.track("Dear Mama"))]) == [])
            }
        }
    }

    @Test("getTopSongs: the household's most played first, then the artist's albums newest first in track order")
    func top() async throws {
        try await BrowseLibrary.run(label: "songs-top") { library, ada, bob async throws in
            // Bob played Here Comes the Sun twice, Ada Something once; the rest not at all.
            let expected = ["Here Comes the Sun", "Something", "Two of Us", "Let It Be", "Come Together"]
            #expect(try await Self.titles(ada, "getTopSongs", "topSongs", [("artist", "The Beatles")]) == expected)
            #expect(try await Self.titles(bob, "getTopSongs", "topSongs", [("artist", "the beatles")]) == expected)
            #expect(try await Self.titles(ada, "getTopSongs", "topSongs", [("artist", "The Beatles"), ("count", "2")]) == Array(expected.prefix(2)))
            #expect(try await Self.titles(ada, "getTopSongs", "topSongs", [("artist", "Nobody At All")]) == [])
            // The order is the household's; each song's play count is still the viewer's own.
            let songs = try await ada.ok("getTopSongs", [("artist", "The Beatles")]).list("topSongs", "song")
            #expect(songs.first?["playCount"] as? Int == 0)
            #expect(!songs.strings("id").contains(library.remoteTrack))
        }
    }
}
