import Foundation
import TestSupport
import Testing

/// Two people browsing the same library each see their own stars, ratings and play counts,
/// and never the other's.
@Suite("Subsonic browsing: each person sees their own marks")
struct BrowseIsolationTests {
    @Test("stars, ratings and play counts on songs, albums and artists are the viewer's")
    func ownMarks() async throws {
        try await BrowseLibrary.run(label: "browse-isolation") { library, ada, bob async throws in
            func song(_ client: SubsonicTestClient, _ title: String) async throws -> [String: Any] {
                try #require(try await client.ok("getSong", [("id", try library.track(title))]).object("song"))
            }
            #expect(try await song(ada, "Blue Train")["playCount"] as? Int == 3)
            #expect(try await song(bob, "Blue Train")["playCount"] as? Int == 0)
            #expect(try await song(bob, "So What")["playCount"] as? Int == 5)
            #expect(try await song(ada, "So What")["playCount"] as? Int == 0)
            #expect(try await song(ada, "Blue Train")["played"] is String)
            #expect(try await song(bob, "Blue Train")["played"] == nil)
            #expect(try await song(ada, "Dreams")["starred"] is String)
            #expect(try await song(bob, "Dreams")["starred"] == nil)
            #expect(try await song(ada, "Dear Mama")["userRating"] as? Int == 4)
            #expect(try await song(bob, "Dear Mama")["userRating"] == nil)

            func album(_ client: SubsonicTestClient, _ name: String) async throws -> [String: Any] {
                try #require(try await client.ok("getAlbum", [("id", try library.album(name))]).object("album"))
            }
            #expect(try await album(ada, "Non, je ne regrette rien")["starred"] is String)
            #expect(try await album(bob, "Non, je ne regrette rien")["starred"] == nil)
            #expect(try await album(ada, "Me Against the World")["userRating"] as? Int == 5)
            #expect(try await album(bob, "Me Against the World")["userRating"] == nil)
            #expect(try await album(bob, "Let It Be")["userRating"] as? Int == 5)
            #expect(try await album(ada, "Let It Be")["userRating"] == nil)

            // The same marks in lists and directories.
            let adaList = try await ada.ok("getAlbumList", [("type", "alphabeticalByName"), ("size", "20")]).list("albumList", "album")
            let bobList = try await bob.ok("getAlbumList", [("type", "alphabeticalByName"), ("size", "20")]).list("albumList", "album")
            #expect(adaList.filter { $0["starred"] != nil }.strings("title").sorted() == ["Kind of Blue", "Non, je ne regrette rien"])
            #expect(bobList.filter { $0["starred"] != nil }.strings("title") == ["Rumours"])
            let beatles = try library.artist("The Beatles")
            #expect(try await ada.ok("getMusicDirectory", [("id", beatles)]).object("directory")?["starred"] is String)
            #expect(try await bob.ok("getMusicDirectory", [("id", beatles)]).object("directory")?["starred"] == nil)
            func indexed(_ client: SubsonicTestClient) async throws -> [String: Any]? {
                try await client.ok("getArtists").list("artists", "index").flatMap { $0["artist"] as? [[String: Any]] ?? [] }
                    .first { $0["id"] as? String == beatles }
            }
            #expect(try await indexed(ada)?["starred"] is String)
            #expect(try await indexed(bob)?["starred"] == nil)
            let adaAlbums = try await ada.ok("getArtist", [("id", beatles)]).list("artist", "album")
            #expect(adaAlbums.first { $0["name"] as? String == "Abbey Road" }?["userRating"] as? Int == 3)
            let bobAlbums = try await bob.ok("getArtist", [("id", beatles)]).list("artist", "album")
            #expect(bobAlbums.first { $0["name"] as? String == "Abbey Road" }?["userRating"] == nil)
        }
    }
}
