import Foundation
import TestSupport
import Testing

/// The order each album-list type promises, on a library where every order differs, and
/// the lists of marks and plays made of the viewer's own.
@Suite("Subsonic album lists: the order of every type")
struct AlbumListOrderTests {
    static func names(_ client: SubsonicTestClient, _ parameters: [(String, String)], size: Int = 50) async throws -> [String] {
        let old = try await client.ok("getAlbumList", parameters + [("size", "\(size)")]).list("albumList", "album").strings("title")
        let new = try await client.ok("getAlbumList2", parameters + [("size", "\(size)")]).list("albumList2", "album").strings("name")
        #expect(old == new, "getAlbumList and getAlbumList2 disagree on \(parameters)")
        return new
    }

    @Test("newest, alphabeticalByName, alphabeticalByArtist (without articles), byYear both ways, byGenre in any case")
    func libraryOrders() async throws {
        try await BrowseLibrary.run(label: "list-orders", marks: false) { _, ada, _ async throws in
            #expect(try await Self.names(ada, [("type", "newest")]) == [
                "Rumours", "Let It Be", "Me Against the World", "Blue Train", "Non, je ne regrette rien", "Abbey Road", "Kind of Blue",
            ])
            #expect(try await Self.names(ada, [("type", "alphabeticalByName")]) == [
                "Abbey Road", "Blue Train", "Kind of Blue", "Let It Be", "Me Against the World", "Non, je ne regrette rien", "Rumours",
            ])
            // The Beatles sort as Beatles: before Fleetwood Mac, not after Miles Davis.
            #expect(try await Self.names(ada, [("type", "alphabeticalByArtist")]) == [
                "Me Against the World", "Abbey Road", "Let It Be", "Rumours", "Blue Train", "Kind of Blue", "Non, je ne regrette rien",
            ])
            #expect(try await Self.names(ada, [("type", "byYear"), ("fromYear", "1959"), ("toYear", "1970")]) == [
                "Kind of Blue", "Non, je ne regrette rien", "Abbey Road", "Let It Be",
            ])
            #expect(try await Self.names(ada, [("type", "byYear"), ("fromYear", "1970"), ("toYear", "1959")]) == [
                "Let It Be", "Abbey Road", "Non, je ne regrette rien", "Kind of Blue",
            ])
            #expect(try await Self.names(ada, [("type", "byGenre"), ("genre", "rock")]) == ["Abbey Road", "Let It Be", "Rumours"])
            #expect(try await Self.names(ada, [("type", "byGenre"), ("genre", "JAZZ")]) == ["Blue Train", "Kind of Blue"])
            #expect(try await Self.names(ada, [("type", "byGenre"), ("genre", "Polka")]) == [])
            // A fresh choice each call, so the two calls are not compared.
            let random = try await ada.ok("getAlbumList2", [("type", "random"), ("size", "7")]).list("albumList2", "album").strings("name")
            #expect(Set(random).count == 7)
        }
    }

    @Test("size and offset page through a list without repeats or gaps")
    func paging() async throws {
        try await BrowseLibrary.run(label: "list-paging", marks: false) { _, ada, _ async throws in
            var pages: [String] = []
            for offset in stride(from: 0, to: 8, by: 3) {
                pages += try await ada.ok("getAlbumList2", [("type", "alphabeticalByName"), ("size", "3"), ("offset", "\(offset)")])
                    .list("albumList2", "album").strings("name")
            }
            #expect(pages == [
                "Abbey Road", "Blue Train", "Kind of Blue", "Let It Be", "Me Against the World", "Non, je ne regrette rien", "Rumours",
            ])
        }
    }

    @Test("starred, highest, frequent and recent are the viewer's own stars, ratings and plays")
    func viewerOrders() async throws {
        try await BrowseLibrary.run(label: "list-viewer") { _, ada, bob async throws in
            // Ada starred Kind of Blue, then Non: the latest star first.
            #expect(try await Self.names(ada, [("type", "starred")]) == ["Non, je ne regrette rien", "Kind of Blue"])
            #expect(try await Self.names(ada, [("type", "highest")]) == ["Me Against the World", "Blue Train", "Abbey Road"])
            // Three plays of Blue Train; one each of Something (the latest) and Non.
            #expect(try await Self.names(ada, [("type", "frequent")]) == ["Blue Train", "Abbey Road", "Non, je ne regrette rien"])
            #expect(try await Self.names(ada, [("type", "recent")]) == ["Abbey Road", "Non, je ne regrette rien", "Blue Train"])

            #expect(try await Self.names(bob, [("type", "starred")]) == ["Rumours"])
            #expect(try await Self.names(bob, [("type", "highest")]) == ["Let It Be"])
            #expect(try await Self.names(bob, [("type", "frequent")]) == ["Kind of Blue", "Abbey Road"])
            #expect(try await Self.names(bob, [("type", "recent")]) == ["Abbey Road", "Kind of Blue"])
        }
    }
}
