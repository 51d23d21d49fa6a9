import Foundation
import TestSupport
import Testing

/// Unknown ids are error 70, missing required parameters 10, bad values 0 with a sentence
/// naming the parameter; sizes above the most a list holds are that most.
@Suite("Subsonic browsing: errors and bounds")
struct BrowseErrorTests {
    static let idMethods = [
        "getMusicDirectory", "getArtist", "getAlbum", "getSong", "getArtistInfo", "getArtistInfo2", "getAlbumInfo",
        "getAlbumInfo2", "getSimilarSongs", "getSimilarSongs2",
    ]

    @Test("an unknown id is 70 in every method that takes one; a missing id is 10")
    func unknownAndMissingIDs() async throws {
        try await BrowseLibrary.run(label: "errors-ids", marks: false) { library, ada, _ async throws in
            for method in Self.idMethods {
                #expect(try await ada.errorCode(method, [("id", "0123456789abcdef")]) == 70, "\(method)")
                #expect(try await ada.errorCode(method) == 10, "\(method)")
                #expect(try await ada.errorCode(method, [("id", "")]) == 10, "\(method)")
                // Longer than any id: not found, and not echoed back.
                let long = String(repeating: "x", count: 5000)
                let answer = try await ada.call(method, [("id", long)])
                let error = try #require(answer["error"] as? [String: Any])
                #expect(error["code"] as? Int == 70)
                #expect(((error["message"] as? String) ?? "").count < 200)
            }
            // Ids of the wrong kind.
            #expect(try await ada.errorCode("getMusicDirectory", [("id", try library.track("Something"))]) == 70)
            #expect(try await ada.errorCode("getAlbum", [("id", try library.artist("The Beatles"))]) == 70)
            #expect(try await ada.errorCode("getArtist", [("id", try library.album("Abbey Road"))]) == 70)
            #expect(try await ada.errorCode("getAlbumInfo2", [("id", try library.artist("The Beatles"))]) == 70)
        }
    }

    @Test("missing required parameters are 10; an unknown list type and bad numbers are 0")
    func parameters() async throws {
        try await BrowseLibrary.run(label: "errors-parameters", marks: false) { _, ada, _ async throws in
            for method in ["getAlbumList", "getAlbumList2"] {
                #expect(try await ada.errorCode(method) == 10)
                #expect(try await ada.errorCode(method, [("type", "byYear"), ("toYear", "2000")]) == 10)
                #expect(try await ada.errorCode(method, [("type", "byYear"), ("fromYear", "2000")]) == 10)
                #expect(try await ada.errorCode(method, [("type", "byGenre")]) == 10)
                #expect(try await ada.errorCode(method, [("type", "mostLoved")]) == 0)
                #expect(try await ada.errorCode(method, [("type", "newest"), ("size", "0")]) == 0)
                #expect(try await ada.errorCode(method, [("type", "newest"), ("size", "-3")]) == 0)
                #expect(try await ada.errorCode(method, [("type", "newest"), ("size", "ten")]) == 0)
                #expect(try await ada.errorCode(method, [("type", "newest"), ("offset", "-1")]) == 0)
                #expect(try await ada.errorCode(method, [("type", "byYear"), ("fromYear", "then"), ("toYear", "2000")]) == 0)
            }
            #expect(try await ada.errorCode("getSongsByGenre") == 10)
            #expect(try await ada.errorCode("getTopSongs") == 10)
            #expect(try await ada.errorCode("getTopSongs", [("artist", "The Beatles"), ("count", "0")]) == 0)
            #expect(try await ada.errorCode("getRandomSongs", [("size", "0")]) == 0)
            #expect(try await ada.errorCode("getRandomSongs", [("fromYear", "1990s")]) == 0)
            let message = try await ada.call("getAlbumList2", [("type", "mostLoved")]).object("error")?["message"] as? String
            #expect(message?.contains("alphabeticalByName") == true)
        }
    }

    @Test("a size or count above 500 is 500, not an error")
    func clamped() async throws {
        try await BrowseLibrary.run(label: "errors-bounds", marks: false) { _, ada, _ async throws in
            let albums = try await ada.ok("getAlbumList2", [("type", "newest"), ("size", "501")]).list("albumList2", "album")
            #expect(albums.count == 7)
            let random = try await ada.ok("getRandomSongs", [("size", "100000")]).list("randomSongs", "song")
            #expect(random.count == BrowseLibrary.libraryTrackCount)
            let genre = try await ada.ok("getSongsByGenre", [("genre", "Rock"), ("count", "501")]).list("songsByGenre", "song")
            #expect(genre.count == 6)
            let top = try await ada.ok("getTopSongs", [("artist", "The Beatles"), ("count", "9999")]).list("topSongs", "song")
            #expect(top.count == 5)
        }
    }
}
