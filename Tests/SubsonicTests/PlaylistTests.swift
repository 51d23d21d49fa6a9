import Foundation
import HTTPTypes
import Host
import HummingbirdTesting
import TestSupport
import Testing

/// Playlists: the shapes, the update form of createPlaylist, updatePlaylist's positions,
/// and /api's privacy rules.
@Suite("Subsonic: playlists")
struct PlaylistTests {
    static func libraryIDs(_ world: SubsonicWorld) async throws -> [String] {
        try await SubsonicWorld.defaultLibrary.asyncMap { try await world.trackID($0.path) }
    }

    static func entries(_ client: SubsonicTestClient, _ id: String) async throws -> [String] {
        try await client.ok("getPlaylist", [("id", id)]).object("playlist")?.list("entry").compactMap { $0["id"] as? String } ?? []
    }

    @Test("createPlaylist with songs, getPlaylist and getPlaylists in JSON: required fields, owner, public, entries as an array")
    func shapesJSON() async throws {
        try await SubsonicWorld.run(label: "sub-playlist-json") { world in
            let ids = try await Self.libraryIDs(world)
            let created = try await world.ada.ok("createPlaylist", [("name", "Road trip"), ("songId", ids[2]), ("songId", ids[0])])
            Shape.checkJSON(created, lists: ["playlist.entry"])
            let playlist = try #require(created.object("playlist"))
            for field in ["id", "name", "songCount", "duration", "created", "changed", "public", "owner", "coverArt"] {
                #expect(playlist[field] != nil, "playlist lacks \(field)")
            }
            #expect(playlist["owner"] as? String == "ada")
            #expect(playlist["public"] as? Bool == false)
            #expect(playlist["songCount"] as? Int == 2)
            #expect(playlist["readonly"] as? Bool == false)
            let id = try #require(playlist["id"] as? String)
            #expect(playlist["coverArt"] as? String == "pl-\(id)")
            #expect(playlist.list("entry").compactMap { $0["id"] as? String } == [ids[2], ids[0]])

            let single = try await world.ada.ok("createPlaylist", [("name", "One song"), ("songId", ids[1])])
            #expect(single.object("playlist")?["entry"] as? [Any] != nil, "one entry is still an array")
            let empty = try await world.ada.ok("createPlaylist", [("name", "Empty")])
            #expect(empty.object("playlist")?["songCount"] as? Int == 0)

            let list = try await world.ada.ok("getPlaylists")
            Shape.checkJSON(list, lists: ["playlists.playlist"])
            let names = list.object("playlists")?.list("playlist").compactMap { $0["name"] as? String }
            #expect(names == ["Empty", "One song", "Road trip"])
            #expect(try await Self.entries(world.ada, id) == [ids[2], ids[0]])
        }
    }

    @Test("playlists in XML: playlist elements with string ids and entry children")
    func shapesXML() async throws {
        try await SubsonicWorld.run(label: "sub-playlist-xml") { world in
            let ids = try await Self.libraryIDs(world)
            let id = try #require(try await world.ada.ok("createPlaylist", [("name", "Mix"), ("songId", ids[0])]).object("playlist")?["id"] as? String)
            let list = try await Shape.xml(world.ada, "getPlaylists")
            let playlists = Shape.elements(list, "playlist")
            #expect(playlists.map { $0["id"] } == [id])
            #expect(playlists.first?["public"] == "false")
            #expect(playlists.first?["owner"] == "ada")
            let one = try await Shape.xml(world.ada, "getPlaylist", [("id", id)])
            #expect(Shape.elements(one, "entry").map { $0["id"] } == [ids[0]])
            #expect(Shape.elements(one, "entry").first?["isDir"] == "false")
        }
    }

    @Test("updatePlaylist: several songIndexToRemove count in the order before the edit, songIdToAdd go at the end, name, comment, public")
    func update() async throws {
        try await SubsonicWorld.run(label: "sub-playlist-update") { world in
            let ids = try await Self.libraryIDs(world)
            let songs = [ids[0], ids[1], ids[2], ids[3], ids[0]]
            let id = try #require(try await world.ada.ok("createPlaylist", [("name", "Five")] + songs.map { ("songId", $0) })
                .object("playlist")?["id"] as? String)
            // Removing 1 and 3 of the original order (1 named twice counts once):
            // [0, 1, 2, 3, 0] -> [0, 2, 0], then + [3, 1].
            _ = try await world.ada.ok("updatePlaylist", [
                ("playlistId", id), ("songIndexToRemove", "1"), ("songIndexToRemove", "3"), ("songIndexToRemove", "1"),
                ("songIdToAdd", ids[3]),
                ("songIdToAdd", ids[1]), ("name", "Renamed"), ("comment", "For the drive"), ("public", "true"),
            ])
            #expect(try await Self.entries(world.ada, id) == [ids[0], ids[2], ids[0], ids[3], ids[1]])
            let playlist = try #require(try await world.ada.ok("getPlaylist", [("id", id)]).object("playlist"))
            #expect(playlist["name"] as? String == "Renamed")
            #expect(playlist["comment"] as? String == "For the drive")
            #expect(playlist["public"] as? Bool == true)
            #expect(playlist["songCount"] as? Int == 5)

            // A position past the end changes nothing, whatever else the call asked.
            #expect(try await world.ada.errorCode("updatePlaylist", [
                ("playlistId", id), ("songIndexToRemove", "0"), ("songIndexToRemove", "5"), ("name", "Broken"),
            ]) == 70)
            #expect(try await Self.entries(world.ada, id) == [ids[0], ids[2], ids[0], ids[3], ids[1]])
            #expect(try await world.ada.ok("getPlaylist", [("id", id)]).object("playlist")?["name"] as? String == "Renamed")
            // An unknown song changes nothing either.
            #expect(try await world.ada.errorCode("updatePlaylist", [("playlistId", id), ("songIdToAdd", "no-such-song")]) == 70)
            #expect(try await Self.entries(world.ada, id).count == 5)

            // The update form of createPlaylist replaces the songs.
            let replaced = try await world.ada.ok("createPlaylist", [("playlistId", id), ("songId", ids[2]), ("songId", ids[3])])
            #expect(replaced.object("playlist")?.list("entry").compactMap { $0["id"] as? String } == [ids[2], ids[3]])
            #expect(replaced.object("playlist")?["name"] as? String == "Renamed")
            // And the /api sees the same playlist.
            let api = try await world.adaAPI.send(.get, "/api/playlists/\(id)").object()
            #expect((api["tracks"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[2], ids[3]])

            _ = try await world.ada.ok("deletePlaylist", [("id", id)])
            #expect(try await world.ada.errorCode("getPlaylist", [("id", id)]) == 70)
        }
    }

    @Test("another person's private playlist is 70 for every call; a public one is readable, never changeable (70 too)")
    func privacy() async throws {
        try await SubsonicWorld.run(label: "sub-playlist-privacy") { world in
            let ids = try await Self.libraryIDs(world)
            let secret = try #require(try await world.ada.ok("createPlaylist", [("name", "Secret"), ("songId", ids[0])])
                .object("playlist")?["id"] as? String)
            let shared = try #require(try await world.ada.ok("createPlaylist", [("name", "Shared"), ("songId", ids[1])])
                .object("playlist")?["id"] as? String)
            _ = try await world.ada.ok("updatePlaylist", [("playlistId", shared), ("public", "true")])

            #expect(try await world.bob.errorCode("getPlaylist", [("id", secret)]) == 70)
            #expect(try await world.bob.errorCode("updatePlaylist", [("playlistId", secret), ("name", "Mine")]) == 70)
            #expect(try await world.bob.errorCode("createPlaylist", [("playlistId", secret), ("songId", ids[2])]) == 70)
            #expect(try await world.bob.errorCode("deletePlaylist", [("id", secret)]) == 70)
            let bobsList = try await world.bob.ok("getPlaylists").object("playlists")?.list("playlist") ?? []
            #expect(bobsList.compactMap { $0["id"] as? String } == [shared], "Bob lists Ada's private playlist")
            #expect(bobsList.first?["readonly"] as? Bool == true)
            #expect(bobsList.first?["owner"] as? String == "ada")

            #expect(try await Self.entries(world.bob, shared) == [ids[1]])
            #expect(try await world.bob.errorCode("updatePlaylist", [("playlistId", shared), ("songIdToAdd", ids[2])]) == 70)
            #expect(try await world.bob.errorCode("updatePlaylist", [("playlistId", shared), ("public", "false")]) == 70)
            #expect(try await world.bob.errorCode("createPlaylist", [("playlistId", shared), ("songId", ids[2])]) == 70)
            #expect(try await world.bob.errorCode("deletePlaylist", [("id", shared)]) == 70)
            #expect(try await Self.entries(world.ada, secret) == [ids[0]])
            #expect(try await Self.entries(world.ada, shared) == [ids[1]])

            // `username` is for admins: Bob may not ask for Ada's, Ada (the admin) gets Bob's public ones only.
            #expect(try await world.bob.errorCode("getPlaylists", [("username", "ada")]) == 50)
            _ = try await world.bob.ok("createPlaylist", [("name", "Bob's own")])
            #expect(try await world.ada.ok("getPlaylists", [("username", "bob")]).object("playlists")?.list("playlist").isEmpty == true,
                    "an admin read someone's private playlist")
            let own = try await world.bob.ok("getPlaylists", [("username", "bob")]).object("playlists")?.list("playlist")
            #expect(own?.compactMap { $0["name"] as? String } == ["Bob's own"])
        }
    }

    @Test("limits: at most 500 songs in one request; a name is required to create")
    func limits() async throws {
        try await SubsonicWorld.run(label: "sub-playlist-limits") { world in
            let ids = try await Self.libraryIDs(world)
            let many = (0..<501).map { ("songId", ids[$0 % ids.count]) }
            #expect(try await world.ada.call("createPlaylist", [("name", "Huge")] + many, post: true)["status"] as? String == "failed")
            #expect(try await world.ada.ok("getPlaylists").object("playlists")?.list("playlist").isEmpty == true, "a refused playlist was made")
            let fine = try await world.ada.ok("createPlaylist", [("name", "Big")] + many.dropLast(), post: true)
            #expect(fine.object("playlist")?["songCount"] as? Int == 500)
            #expect(try await world.ada.errorCode("createPlaylist", [("songId", ids[0])]) == 10)
            #expect(try await world.ada.errorCode("getPlaylist") == 10)
        }
    }
}
