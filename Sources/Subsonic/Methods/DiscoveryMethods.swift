import Foundation
import Host

/// What apps ask to fill an artist or album page and to start a radio: getArtistInfo(2),
/// getAlbumInfo(2), getSimilarSongs(2), getTopSongs.
extension SubsonicAPI {
    static func discovery(host: MusicHost) -> [String: SubsonicMethod] {
        let library = host.library
        // No biography or notes are known: an empty element for any known id, which apps
        // show as an empty section, where an error would stall some of them.
        let artistInfo: @Sendable (String) -> SubsonicMethod = { name in
            SubsonicMethod { call in
                let info = try await library.artistInfo(id: call.parameters.id())
                return [.single(SubsonicElement(name).with { $0.set("biography", info.notes) })]
            }
        }
        let albumInfo = SubsonicMethod { call in
            let info = try await library.albumInfo(id: call.parameters.id())
            return [.single(SubsonicElement("albumInfo").with { $0.set("notes", info.notes) })]
        }
        let similarSongs: @Sendable (String) -> SubsonicMethod = { name in
            SubsonicMethod { call in
                let songs = try await library.similarSongs(
                    to: call.parameters.id(), count: call.parameters.count("count", default: 50), for: call.user)
                return [.single(SubsonicElement(name).with { $0.append(list: "song", songs.map { call.shapes.song($0) }) })]
            }
        }
        return [
            "getArtistInfo": artistInfo("artistInfo"),
            "getArtistInfo2": artistInfo("artistInfo2"),
            "getAlbumInfo": albumInfo,
            "getAlbumInfo2": albumInfo,
            "getSimilarSongs": similarSongs("similarSongs"),
            "getSimilarSongs2": similarSongs("similarSongs2"),
            // By name only: the topSongsByArtistId extension is not advertised.
            "getTopSongs": SubsonicMethod { call in
                let songs = try await library.topSongs(
                    artist: call.parameters.required("artist"), count: call.parameters.count("count", default: 50), for: call.user)
                return [.single(SubsonicElement("topSongs").with { $0.append(list: "song", songs.map { call.shapes.song($0) }) })]
            },
        ]
    }
}
