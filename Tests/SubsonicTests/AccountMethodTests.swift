import Foundation
import HTTPTypes
import Host
import HummingbirdTesting
import TestSupport
import Testing

/// getUser, getUsers, getScanStatus and startScan; the admin-only ones refuse members (50).
@Suite("Subsonic: users and scans")
struct AccountMethodTests {
    static let roles = [
        "scrobblingEnabled", "adminRole", "settingsRole", "downloadRole", "uploadRole", "playlistRole", "coverArtRole", "commentRole",
        "podcastRole", "streamRole", "jukeboxRole", "shareRole", "videoConversionRole",
    ]

    @Test("getUser: one's own with every role the schema requires, folder an array of ints; in XML too")
    func ownUser() async throws {
        try await SubsonicWorld.run(label: "sub-user") { world in
            let response = try await world.bob.ok("getUser", [("username", "bob")])
            Shape.checkJSON(response, lists: ["user.folder"])
            let user = try #require(response.object("user"))
            #expect(user["username"] as? String == "bob")
            for role in Self.roles { #expect(user[role] is Bool, "user lacks \(role)") }
            #expect(user["adminRole"] as? Bool == false)
            #expect(user["streamRole"] as? Bool == true && user["downloadRole"] as? Bool == true)
            #expect(user["uploadRole"] as? Bool == false && user["jukeboxRole"] as? Bool == false)
            #expect(user["folder"] as? [Int] == [1])
            // The email names the account as well.
            #expect(try await world.bob.ok("getUser", [("username", SubsonicWorld.bobEmail)]).object("user")?["username"] as? String == "bob")

            let xml = try await Shape.xml(world.ada, "getUser", [("username", "ada")])
            let element = try #require(Shape.elements(xml, "user").first)
            #expect(element["adminRole"] == "true")
            #expect(element["username"] == "ada")
            #expect(xml.elements.contains { $0.name == "folder" })
        }
    }

    @Test("getUser of someone else: 50 for a member, the profile for an admin, 70 for a name no account has; a missing name is 10")
    func otherUser() async throws {
        try await SubsonicWorld.run(label: "sub-user-other") { (world: SubsonicWorld) async throws in
            #expect(try await world.bob.errorCode("getUser", [("username", "ada")]) == 50)
            #expect(try await world.ada.ok("getUser", [("username", "bob")]).object("user")?["adminRole"] as? Bool == false)
            #expect(try await world.ada.errorCode("getUser", [("username", "nobody")]) == 70)
            #expect(try await world.bob.errorCode("getUser") == 10)
        }
    }

    @Test("getUsers: the admin's list of every account (JSON and XML); a member gets 50")
    func users() async throws {
        try await SubsonicWorld.run(label: "sub-users") { world in
            #expect(try await world.bob.errorCode("getUsers") == 50)
            let response = try await world.ada.ok("getUsers")
            Shape.checkJSON(response, lists: ["users.user"])
            let users = try #require(response.object("users")).list("user")
            #expect(users.compactMap { $0["username"] as? String } == ["ada", "bob"])
            let xml = try await Shape.xml(world.ada, "getUsers")
            #expect(Shape.elements(xml, "user").map { $0["username"] } == ["ada", "bob"])
        }
    }

    @Test("getScanStatus for everyone (the library's count when idle); startScan for admins only, answering the status")
    func scans() async throws {
        try await SubsonicWorld.run(label: "sub-scan") { world in
            let status = try #require(try await world.bob.ok("getScanStatus").object("scanStatus"))
            #expect(status["scanning"] as? Bool == false)
            #expect(status["count"] as? Int == 4)
            let xml = try await Shape.xml(world.bob, "getScanStatus")
            #expect(Shape.elements(xml, "scanStatus").first?["scanning"] == "false")

            #expect(try await world.bob.errorCode("startScan") == 50)
            try await world.test.addTrack("New/Album/01 Fresh.mp3", tags: ["title": "Fresh"])
            let started = try #require(try await world.ada.ok("startScan").object("scanStatus"))
            #expect(started["scanning"] as? Bool == true)
            #expect(started["count"] is Int)
            await world.test.host.scanner.waitUntilIdle()
            let done = try #require(try await world.ada.ok("getScanStatus").object("scanStatus"))
            #expect(done["scanning"] as? Bool == false)
            #expect(done["count"] as? Int == 5)
            #expect(done["lastScan"] is String)
        }
    }
}
