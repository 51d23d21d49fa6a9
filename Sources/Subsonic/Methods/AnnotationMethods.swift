import Foundation
import Host

/// Stars, ratings, scrobbles and now playing: the person's own likes and history.
extension SubsonicAPI {
    static func annotation(host: MusicHost) -> [String: SubsonicMethod] {
        let star: @Sendable (SubsonicCall, Bool) async throws -> [SubsonicElement.Member] = { call, starred in
            let parameters = call.parameters
            let ids = parameters.ids("id")
            let albumIDs = parameters.ids("albumId")
            let artistIDs = parameters.ids("artistId")
            guard !(ids.isEmpty && albumIDs.isEmpty && artistIDs.isEmpty) else { throw SubsonicError.missing("id") }
            try await host.personal.setStarred(starred, ids: ids, albumIDs: albumIDs, artistIDs: artistIDs, by: call.user)
            return []
        }
        return [
            "star": SubsonicMethod { try await star($0, true) },
            "unstar": SubsonicMethod { try await star($0, false) },
            "setRating": SubsonicMethod { call in
                guard let rating = try call.parameters.int("rating") else { throw SubsonicError.missing("rating") }
                try await host.personal.setRating(rating, id: call.parameters.required("id"), by: call.user)
                return []
            },
            "getStarred": SubsonicMethod { call in
                let starred = try await host.personal.starred(of: call.user)
                return [.single(SubsonicElement("starred").with { element in
                    element.append(list: "artist", starred.artists.map { call.shapes.artist($0) })
                    element.append(list: "album", starred.albums.map { call.shapes.albumAsDirectory($0) })
                    element.append(list: "song", starred.tracks.map { call.shapes.song($0) })
                })]
            },
            "getStarred2": SubsonicMethod { call in
                let starred = try await host.personal.starred(of: call.user)
                return [.single(SubsonicElement("starred2").with { element in
                    element.append(list: "artist", starred.artists.map { call.shapes.artist($0) })
                    element.append(list: "album", starred.albums.map { call.shapes.album($0) })
                    element.append(list: "song", starred.tracks.map { call.shapes.song($0) })
                })]
            },
            "scrobble": SubsonicMethod { call in
                let parameters = call.parameters
                guard !parameters.ids("id").isEmpty else { throw SubsonicError.missing("id") }
                try await host.personal.reportPlays(
                    trackIDs: parameters.ids("id"), times: parameters.strings("time").map(Self.reportedTime),
                    submission: try parameters.bool("submission") ?? true, player: parameters.string("c"), by: call.user)
                return []
            },
            "getNowPlaying": SubsonicMethod { call in
                let playing = try await host.personal.nowPlaying(for: call.user)
                return [.single(SubsonicElement("nowPlaying").with { element in
                    element.append(list: "entry", playing.enumerated().map { call.shapes.nowPlayingEntry($1, playerID: $0 + 1) })
                })]
            },
        ]
    }

    /// A scrobble's `time`: milliseconds since 1970. Anything else is no time at all (the
    /// Host then takes now): apps send garbage here, and a play must not be lost for it.
    static func reportedTime(_ text: String) -> Date? {
        guard let milliseconds = Int64(text.trimmingCharacters(in: .whitespaces)) else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

extension SubsonicParameters {
    /// Every non-empty value of a repeated id parameter (`id=a&id=b`).
    func ids(_ name: String) -> [String] {
        strings(name).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
