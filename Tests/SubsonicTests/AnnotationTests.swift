import Foundation
import HTTPTypes
import Host
import HummingbirdTesting
import TestSupport
import Testing

/// star/unstar, getStarred(2), setRating, scrobble and getNowPlaying: each person's own.
@Suite("Subsonic: stars, ratings, scrobbles and now playing")
struct AnnotationTests {
    static let one = "Daft Punk/Discovery/01 One More Time.mp3"
    static let two = "Daft Punk/Discovery/02 Aerodynamic.mp3"
    static let boy = "Air/Moon Safari/02 Sexy Boy.mp3"

    /// The ids of Discovery and of Air, from the answers apps see.
    static func albumAndArtist(_ client: SubsonicTestClient) async throws -> (album: String, artist: String) {
        let found = try await client.ok("search3", [("query", "discovery"), ("songCount", "0"), ("artistCount", "0")])
        let air = try await client.ok("search3", [("query", "air"), ("songCount", "0"), ("albumCount", "0")])
        return (try #require(found.object("searchResult3")?.list("album").first?["id"] as? String),
                try #require(air.object("searchResult3")?.list("artist").first?["id"] as? String))
    }

    @Test("star several songs, an album and an artist at once (id, albumId, artistId repeated); getStarred2 lists them, a track star is the /api like")
    func starAndList() async throws {
        try await SubsonicWorld.run(label: "sub-star") { world in
            let one = try await world.trackID(Self.one)
            let two = try await world.trackID(Self.two)
            let (album, artist) = try await Self.albumAndArtist(world.ada)
            _ = try await world.ada.ok("star", [("id", one), ("id", two), ("albumId", album), ("artistId", artist)])

            let starred = try #require(try await world.ada.ok("getStarred2").object("starred2"))
            #expect(Set(starred.list("song").compactMap { $0["id"] as? String }) == [one, two])
            #expect(starred.list("song").allSatisfy { $0["starred"] is String })
            #expect(starred.list("album").map { $0["id"] as? String } == [album])
            #expect(starred.list("album").first?["starred"] is String)
            #expect(starred.list("artist").map { $0["id"] as? String } == [artist])
            Shape.checkJSON(try await world.ada.ok("getStarred2"), lists: ["starred2.artist", "starred2.album", "starred2.song"])

            // The same like as /api's.
            let likes = try await world.adaAPI.send(.get, "/api/likes").items()
            #expect(Set(likes.compactMap { $0["id"] as? String }) == [one, two])

            // getStarred: albums as directories.
            let old = try #require(try await world.ada.ok("getStarred").object("starred"))
            #expect(old.list("album").first?["isDir"] as? Bool == true)
            #expect(old.list("song").count == 2)

            // One `id` may name an album or an artist too (folder-browsing apps), and unstar undoes.
            _ = try await world.ada.ok("unstar", [("id", one), ("id", album), ("artistId", artist)])
            let after = try #require(try await world.ada.ok("getStarred2").object("starred2"))
            #expect(after.list("song").map { $0["id"] as? String } == [two])
            #expect(after.list("album").isEmpty && after.list("artist").isEmpty)
        }
    }

    @Test("getStarred and getStarred2 in XML: elements per item, string ids")
    func starredXML() async throws {
        try await SubsonicWorld.run(label: "sub-star-xml") { world in
            let one = try await world.trackID(Self.one)
            let (album, artist) = try await Self.albumAndArtist(world.ada)
            _ = try await world.ada.ok("star", [("id", one), ("albumId", album), ("artistId", artist)])
            let two = try await Shape.xml(world.ada, "getStarred2")
            #expect(Shape.elements(two, "song").map { $0["id"] } == [one])
            #expect(Shape.elements(two, "album").map { $0["id"] } == [album])
            #expect(Shape.elements(two, "artist").map { $0["id"] } == [artist])
            #expect(Shape.elements(two, "song").first?["starred"]?.hasSuffix("Z") == true)
            let old = try await Shape.xml(world.ada, "getStarred")
            #expect(Shape.elements(old, "album").first?["isDir"] == "true")
        }
    }

    @Test("stars and ratings are each person's own: Bob sees none of Ada's")
    func isolation() async throws {
        try await SubsonicWorld.run(label: "sub-star-isolation") { world in
            let one = try await world.trackID(Self.one)
            let (album, artist) = try await Self.albumAndArtist(world.ada)
            _ = try await world.ada.ok("star", [("id", one), ("albumId", album), ("artistId", artist)])
            _ = try await world.ada.ok("setRating", [("id", one), ("rating", "4")])
            _ = try await world.ada.ok("setRating", [("id", album), ("rating", "5")])
            _ = try await world.ada.ok("scrobble", [("id", one)])

            let bobs = try #require(try await world.bob.ok("getStarred2").object("starred2"))
            #expect(bobs.list("song").isEmpty && bobs.list("album").isEmpty && bobs.list("artist").isEmpty)
            let seen = try await world.bob.ok("search3", [("query", "discovery")]).object("searchResult3")
            let song = try #require(seen?.list("song").first { $0["id"] as? String == one })
            #expect(song["starred"] == nil && song["userRating"] == nil)
            #expect(song["playCount"] as? Int == 0)
            #expect(seen?.list("album").first?["userRating"] == nil && seen?.list("album").first?["starred"] == nil)

            let adas = try await world.ada.ok("search3", [("query", "discovery")]).object("searchResult3")
            let mine = try #require(adas?.list("song").first { $0["id"] as? String == one })
            #expect(mine["userRating"] as? Int == 4 && mine["starred"] is String && mine["playCount"] as? Int == 1)
            #expect(adas?.list("album").first?["userRating"] as? Int == 5)
        }
    }

    @Test("setRating: 1 to 5 sets, 0 removes, anything else is an error; an unknown id is 70")
    func ratings() async throws {
        try await SubsonicWorld.run(label: "sub-rating") { world in
            let one = try await world.trackID(Self.one)
            let (_, artist) = try await Self.albumAndArtist(world.ada)
            func rating() async throws -> Int? {
                let found = try await world.ada.ok("search3", [("query", "one more")]).object("searchResult3")
                return found?.list("song").first?["userRating"] as? Int
            }
            _ = try await world.ada.ok("setRating", [("id", one), ("rating", "3")])
            #expect(try await rating() == 3)
            _ = try await world.ada.ok("setRating", [("id", one), ("rating", "0")])
            #expect(try await rating() == nil)
            #expect(try await world.ada.errorCode("setRating", [("id", one), ("rating", "6")]) == 0)
            #expect(try await world.ada.errorCode("setRating", [("id", one), ("rating", "-1")]) == 0)
            #expect(try await world.ada.errorCode("setRating", [("id", one)]) == 10)
            #expect(try await world.ada.errorCode("setRating", [("id", "no-such-id"), ("rating", "2")]) == 70)
            #expect(try await rating() == nil, "a refused rating changed nothing")
            _ = try await world.ada.ok("setRating", [("id", artist), ("rating", "2")])
            let air = try await world.ada.ok("search3", [("query", "air")]).object("searchResult3")
            #expect(air?.list("artist").first?["userRating"] as? Int == 2)
        }
    }

    @Test("star: no id is 10, only unknown ids 70, an unknown id among known ones is skipped")
    func starErrors() async throws {
        try await SubsonicWorld.run(label: "sub-star-errors") { world in
            let one = try await world.trackID(Self.one)
            #expect(try await world.ada.errorCode("star") == 10)
            #expect(try await world.ada.errorCode("star", [("id", "gone-1"), ("albumId", "gone-2")]) == 70)
            _ = try await world.ada.ok("star", [("id", "gone-1"), ("id", one)])
            let starred = try await world.ada.ok("getStarred2").object("starred2")
            #expect(starred?.list("song").map { $0["id"] as? String } == [one])
        }
    }

    @Test("scrobble: a submission is a play in /api's history, several ids with their times; garbage times count as now")
    func scrobbles() async throws {
        try await SubsonicWorld.run(label: "sub-scrobble") { world in
            let one = try await world.trackID(Self.one)
            let two = try await world.trackID(Self.two)
            let boy = try await world.trackID(Self.boy)
            let yesterday = Int64(Date().addingTimeInterval(-86_400).timeIntervalSince1970 * 1000)
            _ = try await world.ada.ok("scrobble", [("id", one), ("time", "\(yesterday)"), ("id", two), ("time", "not a time")])
            // Seconds instead of milliseconds, far future, and no submission flag at all.
            _ = try await world.ada.ok("scrobble", [("id", boy), ("time", "1700000000"), ("submission", "true")])
            _ = try await world.ada.ok("scrobble", [("id", boy), ("time", "99999999999999999")])

            let history = try await world.adaAPI.send(.get, "/api/history").items()
            #expect(history.count == 4, "\(history)")
            let times = history.compactMap { item -> (String, Date)? in
                guard let track = (item["track"] as? [String: Any])?["id"] as? String, let text = item["played_at"] as? String,
                      let date = ISO8601DateFormatter.withFractions.date(from: text) ?? ISO8601DateFormatter().date(from: text)
                else { return nil }
                return (track, date)
            }
            #expect(times.count == 4)
            let oneTime = try #require(times.first { $0.0 == one }?.1)
            #expect(abs(oneTime.timeIntervalSince1970 * 1000 - Double(yesterday)) < 1000, "the reported time was kept")
            for (track, time) in times where track != one {
                #expect(abs(time.timeIntervalSinceNow) < 120, "an unbelievable time \(time) for \(track) was not taken as now")
            }
            let found = try await world.ada.ok("search3", [("query", "boy")]).object("searchResult3")
            #expect(found?.list("song").first?["playCount"] as? Int == 2)
            #expect(found?.list("song").first?["played"] is String)

            #expect(try await world.ada.errorCode("scrobble") == 10)
            #expect(try await world.ada.errorCode("scrobble", [("id", "no-such-song")]) == 70)
            #expect(try await world.session.signIn(SubsonicWorld.bobEmail).send(.get, "/api/history").items().isEmpty,
                    "Bob's history holds Ada's scrobbles")
        }
    }

    @Test("submission=false is now playing only: getNowPlaying shows it with user, minutes and player; no play is recorded; others see none")
    func nowPlaying() async throws {
        try await SubsonicWorld.run(label: "sub-now-playing") { world in
            let one = try await world.trackID(Self.one)
            _ = try await world.ada.ok("scrobble", [("id", one), ("submission", "false")])
            let response = try await world.ada.ok("getNowPlaying")
            Shape.checkJSON(response, lists: ["nowPlaying.entry"])
            let entries = try #require(response.object("nowPlaying")).list("entry")
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry["id"] as? String == one)
            #expect(entry["title"] as? String == "One More Time")
            #expect(entry["username"] as? String == "ada")
            #expect(entry["minutesAgo"] as? Int == 0)
            #expect(entry["playerId"] as? Int == 1)
            #expect(entry["playerName"] as? String == "SubsonicTests")
            #expect(try await world.adaAPI.send(.get, "/api/history").items().isEmpty, "now playing recorded a play")

            let xml = try await Shape.xml(world.ada, "getNowPlaying")
            #expect(Shape.elements(xml, "entry").map { $0["username"] } == ["ada"])

            let bobs = try #require(try await world.bob.ok("getNowPlaying").object("nowPlaying"))
            #expect(bobs.list("entry").isEmpty, "Bob sees what Ada plays")
            #expect(bobs["entry"] as? [Any] != nil, "an empty list is []")

            // The same player moving on replaces its entry.
            let two = try await world.trackID(Self.two)
            _ = try await world.ada.ok("scrobble", [("id", two), ("submission", "false")])
            let now = try await world.ada.ok("getNowPlaying").object("nowPlaying")?.list("entry")
            #expect(now?.map { $0["id"] as? String } == [two])
        }
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
