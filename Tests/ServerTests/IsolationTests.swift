import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// Every user's data is theirs alone: for every private route, another user gets 404 on
/// the owner's objects; a user who is not an admin gets 403 on every admin route; and
/// nobody gets anything without signing in.
@Suite("Isolation between users")
struct IsolationTests {
    struct World {
        let ada: SignedInClient
        let bob: SignedInClient
        let anonymous: any TestClientProtocol
        let trackID: String
        let privatePlaylist: String
        let publicPlaylist: String
        let adaID: String
    }

    /// Ada (the first user, so the admin) has a private and a public playlist, a like and
    /// a play; Bob is a plain user.
    static func world(_ session: TestSession, trackID: String) async throws -> World {
        let ada = try await session.signUp("ada@example.org")
        let bob = try await session.signUp("bob@example.org")
        let privatePlaylist = try #require(try await ada.send(.post, "/api/playlists", json: #"{"name": "Ada's secret"}"#).object()["id"] as? String)
        let publicPlaylist = try #require(
            try await ada.send(.post, "/api/playlists", json: #"{"name": "Ada's party", "is_public": true}"#).object()["id"] as? String)
        for playlist in [privatePlaylist, publicPlaylist] {
            try await ada.send(.post, "/api/playlists/\(playlist)/tracks", json: #"{"track_ids": ["\#(trackID)", "\#(trackID)"]}"#)
        }
        try await ada.send(.put, "/api/tracks/\(trackID)/like")
        try await ada.send(.post, "/api/tracks/\(trackID)/played")
        let adaID = try #require(try await ada.send(.get, "/api/me").object()["id"] as? String)
        return World(
            ada: ada, bob: bob, anonymous: session.anonymous, trackID: trackID, privatePlaylist: privatePlaylist,
            publicPlaylist: publicPlaylist, adaID: adaID)
    }

    static func fixture() async throws -> (ServerFixture, String) {
        let fixture = try ServerFixture(label: "isolation")
        try await fixture.test.addTrack("Artist/Album/01 - Song.mp3", tags: ["title": "Song", "artist": "Artist"], embeddedCover: true)
        await fixture.test.scan()
        return (fixture, try await fixture.trackID(at: "Artist/Album/01 - Song.mp3"))
    }

    /// Routes that change or read one playlist: (method, path, body).
    static func playlistRoutes(_ id: String, trackID: String) -> [(HTTPRequest.Method, String, String?)] {
        [
            (.get, "/api/playlists/\(id)", nil),
            (.patch, "/api/playlists/\(id)", #"{"name": "mine now"}"#),
            (.patch, "/api/playlists/\(id)", #"{"is_offline": true}"#),
            (.delete, "/api/playlists/\(id)", nil),
            (.post, "/api/playlists/\(id)/tracks", #"{"track_ids": ["\#(trackID)"]}"#),
            (.delete, "/api/playlists/\(id)/tracks/0", nil),
            (.post, "/api/playlists/\(id)/tracks/move", #"{"from": 0, "to": 1}"#),
            (.get, "/api/playlists/\(id)/share", nil),
        ]
    }

    @Test("another user gets 404 on every route of a private playlist, and sees none of its owner's likes, plays or lists")
    func privateData() async throws {
        let (fixture, trackID) = try await Self.fixture()
        try await fixture.session { session in
            let world = try await Self.world(session, trackID: trackID)
            for (method, path, body) in Self.playlistRoutes(world.privatePlaylist, trackID: trackID) {
                let answer = try await world.bob.send(method, path, json: body)
                #expect(answer.status == .notFound, "\(method) \(path) answered \(answer.status)")
                #expect(answer.errorCode == "not_found")
            }
            let adaView = try await world.ada.send(.get, "/api/playlists/\(world.privatePlaylist)").object()
            #expect(adaView["name"] as? String == "Ada's secret", "bob changed nothing")
            #expect((adaView["tracks"] as? [Any])?.count == 2)

            #expect(try await world.bob.send(.get, "/api/playlists").items().isEmpty)
            #expect(try await world.bob.send(.get, "/api/likes").items().isEmpty)
            #expect(try await world.bob.send(.get, "/api/history").items().isEmpty)
            let discovery = try await world.bob.send(.get, "/api/discover").object()
            #expect((discovery["most_played_week"] as? [Any])?.isEmpty == true)
            let bobSearch = try await world.bob.send(.get, "/api/search?q=song").object()["results"] as? [[String: Any]] ?? []
            #expect(bobSearch.first?["liked"] as? Bool == false)
            let adaSearch = try await world.ada.send(.get, "/api/search?q=song").object()["results"] as? [[String: Any]] ?? []
            #expect(adaSearch.first?["liked"] as? Bool == true)
            #expect(try await world.ada.send(.get, "/api/likes").items().count == 1)
            #expect(try await world.ada.send(.get, "/api/history").items().count == 1)
        }
    }

    @Test("each user's app credentials (/api/me/subsonic) are their own: another user sees, rotates and revokes only theirs")
    func appCredentials() async throws {
        let (fixture, trackID) = try await Self.fixture()
        try await fixture.session { session in
            let world = try await Self.world(session, trackID: trackID)
            let adas = try await world.ada.send(.post, "/api/me/subsonic").object()
            let bobs = try await world.bob.send(.get, "/api/me/subsonic").object()
            #expect(adas["username"] as? String == "ada" && bobs["username"] as? String == "bob")
            #expect(bobs["app_password"] == nil && bobs["api_key"] == nil, "bob sees none of ada's")
            let bobsNew = try await world.bob.send(.post, "/api/me/subsonic").object()
            #expect(bobsNew["username"] as? String == "bob")
            #expect(bobsNew["app_password"] as? String != adas["app_password"] as? String)
            #expect(try await world.bob.send(.delete, "/api/me/subsonic").status == .noContent)
            let adasAfter = try await world.ada.send(.get, "/api/me/subsonic").object()
            #expect(adasAfter["app_password"] as? String == adas["app_password"] as? String, "bob changed nothing of ada's")
            #expect(adasAfter["api_key"] as? String == adas["api_key"] as? String)
        }
    }

    @Test("a public playlist can be read by every signed-in user and changed by none but its owner")
    func publicPlaylist() async throws {
        let (fixture, trackID) = try await Self.fixture()
        try await fixture.session { session in
            let world = try await Self.world(session, trackID: trackID)
            for (method, path, body) in Self.playlistRoutes(world.publicPlaylist, trackID: trackID) {
                let answer = try await world.bob.send(method, path, json: body)
                let readable = method == .get
                #expect(answer.status == (readable ? .ok : .notFound), "\(method) \(path) answered \(answer.status)")
            }
            let view = try await world.bob.send(.get, "/api/playlists/\(world.publicPlaylist)").object()
            #expect(view["is_owner"] as? Bool == false)
            #expect((view["tracks"] as? [Any])?.count == 2)
            let everyPublic = try await world.bob.send(.get, "/api/playlists?public=true").items()
            #expect(everyPublic.map { $0["id"] as? String } == [world.publicPlaylist])
        }
    }

    @Test("every admin route is 403 for a user who is not an admin, and works for the admin")
    func adminRoutes() async throws {
        let (fixture, trackID) = try await Self.fixture()
        try await fixture.session { session in
            let world = try await Self.world(session, trackID: trackID)
            let routes: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/system/storage", nil), (.get, "/api/admin/storage", nil), (.get, "/api/admin/users", nil),
                (.post, "/api/admin/users", #"{"email": "eve@example.org", "password": "a long enough password"}"#),
                (.patch, "/api/admin/users/\(world.adaID)", #"{"role": "user"}"#), (.delete, "/api/admin/users/\(world.adaID)", nil),
                (.put, "/api/admin/users/\(world.adaID)/password", #"{"password": "bob owns this now"}"#),
                (.delete, "/api/admin/users/\(world.adaID)/lockout", nil),
                (.get, "/api/admin/sources", nil), (.get, "/api/admin/scan", nil), (.post, "/api/admin/scan", nil),
                (.get, "/api/admin/scan/failures", nil), (.get, "/api/admin/cache", nil), (.delete, "/api/admin/cache/\(trackID)", nil),
            ]
            for (method, path, body) in routes {
                let answer = try await world.bob.send(method, path, json: body)
                #expect(answer.status == .forbidden, "\(method) \(path) answered \(answer.status)")
                #expect(answer.errorCode == "forbidden")
            }
            #expect(try await world.ada.send(.get, "/api/admin/users").items().count == 2, "no admin route changed anything")
            _ = try await session.signIn("ada@example.org")  // her password too
            for (method, path, _) in routes where method == .get {
                #expect(try await world.ada.send(method, path).status == .ok, "\(path) for the admin")
            }
            let storage = try await world.ada.send(.get, "/api/admin/storage").object()
            #expect(storage["users"] as? Int == 2)
            #expect(storage["playlists"] as? Int == 2)
            #expect(storage["library_tracks"] as? Int == 1)
            let sources = try await world.ada.send(.get, "/api/admin/sources")
            let list = try JSONSerialization.jsonObject(with: Data(sources.bytes)) as? [[String: Any]] ?? []
            #expect(list.map { $0["id"] as? String } == ["local"])
            #expect(list.first?["healthy"] as? Bool == true)
        }
    }

    @Test("without signing in, every route but health, sign-in and the web page is 401")
    func anonymous() async throws {
        let (fixture, trackID) = try await Self.fixture()
        try await fixture.session { session in
            let world = try await Self.world(session, trackID: trackID)
            var routes: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/search?q=song", nil), (.get, "/api/tracks", nil), (.get, "/api/albums", nil), (.get, "/api/albums/x", nil), (.get, "/api/artists", nil),
                (.get, "/api/artists/x", nil), (.get, "/api/tracks/\(trackID)", nil), (.get, "/api/tracks/\(trackID)/share", nil),
                (.get, "/api/covers/\(trackID)", nil), (.get, "/stream/\(trackID)", nil), (.head, "/stream/\(trackID)", nil),
                (.get, "/api/providers", nil), (.get, "/api/me", nil), (.get, "/api/playlists", nil),
                (.post, "/api/playlists", #"{"name": "x"}"#), (.put, "/api/tracks/\(trackID)/like", nil),
                (.delete, "/api/tracks/\(trackID)/like", nil), (.get, "/api/likes", nil), (.post, "/api/tracks/\(trackID)/played", nil),
                (.get, "/api/history", nil), (.get, "/api/discover", nil), (.get, "/system/storage", nil),
                (.get, "/api/admin/users", nil), (.get, "/api/admin/cache", nil), (.post, "/api/admin/scan", nil),
                (.post, "/api/me/password", #"{"current_password": "a long enough password", "new_password": "anyone's now"}"#),
                (.put, "/api/admin/users/\(world.adaID)/password", #"{"password": "anyone's now"}"#),
                (.delete, "/api/admin/users/\(world.adaID)/lockout", nil),
                (.get, "/api/me/subsonic", nil), (.post, "/api/me/subsonic", nil), (.delete, "/api/me/subsonic", nil),
            ]
            routes += Self.playlistRoutes(world.publicPlaylist, trackID: trackID)
            for (method, path, body) in routes {
                let answer = try await world.anonymous.send(method, path, json: body)
                #expect(answer.status == .unauthorized, "\(method) \(path) answered \(answer.status)")
            }
            #expect(try await world.anonymous.send(.get, "/healthz").status == .ok)
            #expect(try await world.anonymous.send(.get, "/auth/config").status == .ok)
        }
    }

    /// Every route the router knows, with its parameters filled in, so no route added
    /// later can slip past the checks below.
    static func everyRoute(_ server: TestServer) -> [(HTTPRequest.Method, String)] {
        MySpotifyServer.router(host: server.host, accounts: server.accounts).routes.map { route in
            let path = "\(route.path)".split(separator: "/").map { segment in
                // RouterPath prints a parameter as {name}.
                segment == "{position}" ? "0" : segment.hasPrefix("{") ? "x" : String(segment)
            }.joined(separator: "/")
            return (route.method, "/" + path)
        }
    }

    static let publicRoutes: Set<String> = [
        "/healthz", "/auth/config", "/auth/register", "/auth/token", "/auth/logout", "/auth/google/start", "/auth/google/callback",
    ]

    @Test("every route the router knows (not only those listed above) needs a signed-in user, and every admin route an admin")
    func everyRegisteredRoute() async throws {
        let (fixture, _) = try await Self.fixture()
        let server = try await TestServer(host: fixture.test.host)
        let routes = Self.everyRoute(server)
        #expect(routes.count > 40, "the router's routes were read: \(routes.count)")
        try await server.run { session in
            _ = try await session.signUp("ada@example.org")
            let bob = try await session.signUp("bob@example.org")
            for (method, path) in routes where !Self.publicRoutes.contains(path) {
                let anonymous = try await session.anonymous.send(method, path)
                if path.hasPrefix("/rest/") {
                    // The Subsonic protocol refuses inside an HTTP 200 envelope (apps break on
                    // other statuses): code 10, the credentials are missing.
                    // A HEAD answer has no body to read the envelope from: its GET twin does.
                    let probe = method == .head ? try await session.anonymous.send(.get, path) : anonymous
                    #expect(anonymous.status == .ok, "\(method) \(path) without credentials: \(anonymous.status)")
                    #expect(probe.text.contains(#"status="failed""#) && probe.text.contains(#"code="10""#),
                            "\(method) \(path) without credentials: \(probe.text)")
                    continue
                }
                #expect(anonymous.status == .unauthorized, "\(method) \(path) without a token: \(anonymous.status)")
                if path.hasPrefix("/api/admin/") || path.hasPrefix("/system/") {
                    let member = try await bob.send(method, path)
                    #expect(member.status == .forbidden, "\(method) \(path) for a member: \(member.status)")
                }
            }
        }
    }
}
