import Foundation
import Host

/// Browsing the library by folders (getIndexes, getMusicDirectory) and by tags
/// (getArtists, getArtist, getAlbum, getSong, getGenres).
extension SubsonicAPI {
    static func browsing(host: MusicHost) -> [String: SubsonicMethod] {
        let library = host.library
        return [
            // One music folder, so musicFolderId narrows nothing. ifModifiedSince is not
            // honoured: removals leave no time in the catalog, so "unchanged" could be
            // wrong, and a full answer is always right.
            "getIndexes": SubsonicMethod { call in
                [.single(call.shapes.artistIndex(try await library.artistIndex(for: call.user), as: "indexes"))]
            },
            "getArtists": SubsonicMethod { call in
                [.single(call.shapes.artistIndex(try await library.artistIndex(for: call.user), as: "artists"))]
            },
            "getMusicDirectory": SubsonicMethod { call in
                [.single(call.shapes.directory(try await library.directory(id: call.parameters.id(), for: call.user)))]
            },
            "getArtist": SubsonicMethod { call in
                [.single(call.shapes.artist(try await library.artist(id: call.parameters.id(), for: call.user)))]
            },
            "getAlbum": SubsonicMethod { call in
                [.single(call.shapes.album(try await library.album(id: call.parameters.id(), for: call.user)))]
            },
            // Any track: a library file, or a remote song known from a search.
            "getSong": SubsonicMethod { call in
                [.single(call.shapes.song(try await library.track(id: call.parameters.id(), for: call.user)))]
            },
            "getGenres": SubsonicMethod { call in
                let genres = try await library.genres()
                return [.single(SubsonicElement("genres").with { $0.append(list: "genre", genres.map(call.shapes.genre)) })]
            },
        ]
    }
}
