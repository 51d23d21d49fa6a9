import Foundation
import Host

/// Lists chosen by a rule: getAlbumList and getAlbumList2 (every type), getRandomSongs,
/// getSongsByGenre.
extension SubsonicAPI {
    static func albumLists(host: MusicHost) -> [String: SubsonicMethod] {
        let library = host.library
        let albums: @Sendable (SubsonicCall) async throws -> [AlbumView] = { call in
            let parameters = call.parameters
            return try await library.albums(
                albumList(parameters), limit: parameters.count("size", default: 10), offset: parameters.offset(), for: call.user)
        }
        return [
            "getAlbumList": SubsonicMethod { call in
                let found = try await albums(call)
                return [.single(SubsonicElement("albumList").with {
                    $0.append(list: "album", found.map { call.shapes.albumAsDirectory($0) })
                })]
            },
            "getAlbumList2": SubsonicMethod { call in
                let found = try await albums(call)
                return [.single(SubsonicElement("albumList2").with {
                    $0.append(list: "album", found.map { call.shapes.album($0) })
                })]
            },
            "getRandomSongs": SubsonicMethod { call in
                let parameters = call.parameters
                let filter = SongFilter(
                    genre: parameters.string("genre").flatMap { $0.isEmpty ? nil : $0 },
                    fromYear: try parameters.int("fromYear"), toYear: try parameters.int("toYear"))
                let songs = try await library.randomSongs(filter, count: parameters.count("size", default: 10), for: call.user)
                return [.single(SubsonicElement("randomSongs").with { $0.append(list: "song", songs.map { call.shapes.song($0) }) })]
            },
            "getSongsByGenre": SubsonicMethod { call in
                let parameters = call.parameters
                let songs = try await library.songs(
                    genre: parameters.required("genre"), limit: parameters.count("count", default: 10),
                    offset: parameters.offset(), for: call.user)
                return [.single(SubsonicElement("songsByGenre").with { $0.append(list: "song", songs.map { call.shapes.song($0) }) })]
            },
        ]
    }

    /// The list a `type` names, with the parameters that type requires (error 10 without them).
    static func albumList(_ parameters: SubsonicParameters) throws -> AlbumList {
        let type = try parameters.required("type")
        switch type {
        case "random": return .random
        case "newest": return .newest
        case "highest": return .highest
        case "frequent": return .frequent
        case "recent": return .recent
        case "starred": return .starred
        case "alphabeticalByName": return .alphabeticalByName
        case "alphabeticalByArtist": return .alphabeticalByArtist
        case "byYear":
            guard let from = try parameters.int("fromYear") else { throw SubsonicError.missing("fromYear") }
            guard let to = try parameters.int("toYear") else { throw SubsonicError.missing("toYear") }
            return .byYear(from: from, to: to)
        case "byGenre":
            return .byGenre(try parameters.required("genre"))
        default:
            throw SubsonicError(
                .generic,
                "type must be random, newest, highest, frequent, recent, starred, alphabeticalByName, "
                    + "alphabeticalByArtist, byYear or byGenre, got \"\(type.prefix(40))\"")
        }
    }
}
