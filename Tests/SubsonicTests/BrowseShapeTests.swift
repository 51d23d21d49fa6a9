import Foundation
import TestSupport
import Testing

/// Every browsing method answers the shapes apps parse, in JSON and in XML: required fields,
/// ids as strings, 32-bit integers, no nulls, repeatable elements as arrays even of one.
@Suite("Subsonic browsing: shapes of every method in JSON and XML")
struct BrowseShapeTests {
    /// The JSON answer of a call that must succeed and pass `ShapeCheck` in both encodings.
    static func checked(
        _ client: SubsonicTestClient, _ method: String, _ parameters: [(String, String)] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let response = try await client.ok(method, parameters)
        #expect(ShapeCheck.json(response) == [], "\(method) JSON", sourceLocation: sourceLocation)
        let xml = try await client.raw(method, parameters, format: nil)
        #expect(xml.headers[.contentType]?.hasPrefix("application/xml") == true, sourceLocation: sourceLocation)
        #expect(try ShapeCheck.xml(Data(xml.body.readableBytesView)) == [], "\(method) XML", sourceLocation: sourceLocation)
        return response
    }

    static func xml(_ client: SubsonicTestClient, _ method: String, _ parameters: [(String, String)] = []) async throws -> XMLTree {
        let answer = try await client.raw(method, parameters, format: nil)
        return try XMLTree(Data(answer.body.readableBytesView))
    }

    @Test("getIndexes and getArtists: ignoredArticles, lastModified in ms, letters by name without its article, # for the rest")
    func indexes() async throws {
        try await BrowseLibrary.run(label: "shape-indexes") { library, ada, _ async throws in
            for (method, root) in [("getIndexes", "indexes"), ("getArtists", "artists")] {
                let response = try await Self.checked(ada, method)
                let index = try #require(response.object(root))
                #expect(index["ignoredArticles"] as? String == "The El La Los Las Le Les")
                let modified = try #require(index["lastModified"] as? Int)
                // Milliseconds of a time during this test run (seconds would be 1000 times smaller).
                #expect(abs(Double(modified) / 1000 - Date().timeIntervalSince1970) < 600, "lastModified \(modified)")
                let groups = response.list(root, "index")
                #expect(groups.strings("name") == ["#", "B", "E", "F", "J", "M"])
                // One artist under # (2Pac): still an array.
                #expect(groups.first?["artist"] is [Any])
                #expect(groups.first { $0["name"] as? String == "B" }.map { ($0["artist"] as? [[String: Any]])?.strings("id") }
                    == [try library.artist("The Beatles")])
                let tree = try await Self.xml(ada, method)
                let element = try #require(tree.first(root))
                #expect(element.attributes["ignoredArticles"] == "The El La Los Las Le Les")
                #expect(element.all("index").map { $0.attributes["name"] ?? "" } == ["#", "B", "E", "F", "J", "M"])
                #expect(element.all("index").first?.all("artist").map { $0.attributes["name"] } == ["2Pac"])
            }
            let artists = try await ada.ok("getArtists").list("artists", "index").flatMap { $0["artist"] as? [[String: Any]] ?? [] }
            #expect(artists.first { $0["name"] as? String == "The Beatles" }?["albumCount"] as? Int == 2)
        }
    }

    @Test("getMusicDirectory: an artist's albums as directories, an album's songs with the album as parent")
    func musicDirectory() async throws {
        try await BrowseLibrary.run(label: "shape-directory") { library, ada, _ async throws in
            let beatles = try library.artist("The Beatles")
            let artist = try #require(try await Self.checked(ada, "getMusicDirectory", [("id", beatles)]).object("directory"))
            #expect(artist["id"] as? String == beatles)
            #expect(artist["name"] as? String == "The Beatles")
            let albums = try #require(artist["child"] as? [[String: Any]])
            #expect(albums.strings("title") == ["Let It Be", "Abbey Road"])
            #expect(albums.allSatisfy { $0["isDir"] as? Bool == true && $0["parent"] as? String == beatles })

            let abbey = try library.album("Abbey Road")
            let album = try #require(try await Self.checked(ada, "getMusicDirectory", [("id", abbey)]).object("directory"))
            #expect(album["name"] as? String == "Abbey Road")
            #expect(album["parent"] as? String == beatles)
            let songs = try #require(album["child"] as? [[String: Any]])
            #expect(songs.strings("title") == ["Come Together", "Something", "Here Comes the Sun"])
            #expect(songs.allSatisfy { $0["isDir"] as? Bool == false && $0["parent"] as? String == abbey })

            // One song: still an array.
            let single = try await Self.checked(ada, "getMusicDirectory", [("id", try library.album("Non, je ne regrette rien"))])
            #expect(single.object("directory")?["child"] is [Any])
            let tree = try await Self.xml(ada, "getMusicDirectory", [("id", abbey)])
            let children = try #require(tree.first("directory")).all("child")
            #expect(children.map { $0.attributes["isDir"] } == ["false", "false", "false"])
            #expect(children.map { $0.attributes["parent"] } == [abbey, abbey, abbey])
        }
    }

    @Test("getArtist lists AlbumID3s; getAlbum lists its songs; getSong answers library and remote songs")
    func artistAlbumSong() async throws {
        try await BrowseLibrary.run(label: "shape-items") { library, ada, _ async throws in
            let artist = try #require(try await Self.checked(ada, "getArtist", [("id", try library.artist("The Beatles"))]).object("artist"))
            #expect(artist["albumCount"] as? Int == 2)
            #expect((artist["album"] as? [[String: Any]])?.strings("name") == ["Let It Be", "Abbey Road"])
            let onlyOne = try await Self.checked(ada, "getArtist", [("id", try library.artist("2Pac"))])
            #expect(onlyOne.object("artist")?["album"] is [Any])

            let album = try #require(try await Self.checked(ada, "getAlbum", [("id", try library.album("Abbey Road"))]).object("album"))
            #expect(album["songCount"] as? Int == 3)
            #expect(album["year"] as? Int == 1969)
            let songs = try #require(album["song"] as? [[String: Any]])
            #expect(songs.strings("title") == ["Come Together", "Something", "Here Comes the Sun"])
            #expect(songs.map { $0["track"] as? Int } == [1, 2, 7])
            let tree = try await Self.xml(ada, "getAlbum", [("id", try library.album("Abbey Road"))])
            #expect(tree.first("album")?.all("song").count == 3)

            let song = try #require(try await Self.checked(ada, "getSong", [("id", try library.track("Something"))]).object("song"))
            #expect(song["albumId"] as? String == (try library.album("Abbey Road")))
            #expect(song["artistId"] as? String == (try library.artist("The Beatles")))
            #expect(song["suffix"] as? String == "mp3")
            #expect(song["genres"] is [Any])
            let remote = try #require(try await Self.checked(ada, "getSong", [("id", library.remoteTrack)]).object("song"))
            #expect(remote["title"] as? String == "Something (cover)")
            #expect(remote["genre"] as? String == "Tube")
        }
    }

    @Test("getGenres: name as XML text and JSON value, song and album counts; names differing in case are one genre")
    func genres() async throws {
        try await BrowseLibrary.run(label: "shape-genres") { _, ada, _ async throws in
            let genres = try await Self.checked(ada, "getGenres").list("genres", "genre")
            #expect(genres.strings("value") == ["Chanson", "Hip-Hop", "Jazz", "Rock"])
            let rock = genres.first { $0["value"] as? String == "Rock" }
            // The library's six Rock songs on three albums; the remote Rock song is not the library's.
            #expect(rock?["songCount"] as? Int == 6)
            #expect(rock?["albumCount"] as? Int == 3)
            let tree = try await Self.xml(ada, "getGenres")
            let elements = try #require(tree.first("genres")).all("genre")
            #expect(elements.map(\.text) == ["Chanson", "Hip-Hop", "Jazz", "Rock"])
            #expect(elements.last?.attributes["songCount"] == "6")
        }
    }

    @Test("getAlbumList and getAlbumList2 of every type: directories and AlbumID3s in arrays")
    func albumLists() async throws {
        try await BrowseLibrary.run(label: "shape-lists") { _, ada, _ async throws in
            let types: [[(String, String)]] = [
                [("type", "random")], [("type", "newest")], [("type", "highest")], [("type", "frequent")],
                [("type", "recent")], [("type", "starred")], [("type", "alphabeticalByName")],
                [("type", "alphabeticalByArtist")], [("type", "byYear"), ("fromYear", "1950"), ("toYear", "2000")],
                [("type", "byGenre"), ("genre", "Chanson")],
            ]
            for parameters in types {
                let old = try await Self.checked(ada, "getAlbumList", parameters).list("albumList", "album")
                let new = try await Self.checked(ada, "getAlbumList2", parameters).list("albumList2", "album")
                #expect(!old.isEmpty && old.count == new.count, "\(parameters)")
                #expect(old.allSatisfy { $0["isDir"] as? Bool == true }, "\(parameters)")
            }
            // One album: an array still.
            let one = try await ada.ok("getAlbumList2", [("type", "byGenre"), ("genre", "Chanson")])
            #expect((one.object("albumList2")?["album"] as? [Any])?.count == 1)
        }
    }

    @Test("getRandomSongs, getSongsByGenre, getSimilarSongs(2), getTopSongs: song lists")
    func songLists() async throws {
        try await BrowseLibrary.run(label: "shape-songs") { library, ada, _ async throws in
            let random = try await Self.checked(ada, "getRandomSongs", [("size", "3")]).list("randomSongs", "song")
            #expect(random.count == 3)
            let jazz = try await Self.checked(ada, "getSongsByGenre", [("genre", "Jazz")]).list("songsByGenre", "song")
            #expect(jazz.count == 4)
            let chanson = try await Self.checked(ada, "getSongsByGenre", [("genre", "Chanson")])
            #expect((chanson.object("songsByGenre")?["song"] as? [Any])?.count == 1)
            for method in ["getSimilarSongs", "getSimilarSongs2"] {
                let key = method == "getSimilarSongs" ? "similarSongs" : "similarSongs2"
                let similar = try await Self.checked(ada, method, [("id", try library.track("Something"))]).list(key, "song")
                #expect(similar.count == 5)
            }
            let top = try await Self.checked(ada, "getTopSongs", [("artist", "The Beatles")]).list("topSongs", "song")
            #expect(top.count == 5)
            let tree = try await Self.xml(ada, "getTopSongs", [("artist", "The Beatles"), ("count", "2")])
            #expect(tree.first("topSongs")?.all("song").count == 2)
        }
    }

    @Test("getArtistInfo(2) and getAlbumInfo(2): an empty element for a known id, never an error")
    func info() async throws {
        try await BrowseLibrary.run(label: "shape-info", marks: false) { library, ada, _ async throws in
            let cases: [(String, String, String)] = [
                ("getArtistInfo", "artistInfo", try library.artist("The Beatles")),
                ("getArtistInfo2", "artistInfo2", try library.artist("The Beatles")),
                ("getArtistInfo2", "artistInfo2", try library.track("Something")),
                ("getAlbumInfo", "albumInfo", try library.album("Abbey Road")),
                ("getAlbumInfo2", "albumInfo", try library.album("Abbey Road")),
                ("getAlbumInfo2", "albumInfo", library.remoteTrack),
            ]
            for (method, element, id) in cases {
                let response = try await Self.checked(ada, method, [("id", id)])
                #expect(response.object(element) != nil, "\(method) has no \(element)")
                let tree = try await Self.xml(ada, method, [("id", id)])
                #expect(tree.first(element) != nil, "\(method) XML has no \(element)")
            }
        }
    }
}
