import Foundation
import Host

/// search2 and search3: the library's artists, albums and songs, then remote songs; an
/// empty query pages the whole library (how apps such as Symfonium sync).
extension SubsonicAPI {
    static func searching(host: MusicHost) -> [String: SubsonicMethod] {
        [
            "search2": SubsonicMethod { call in
                let found = try await search(call, host: host)
                return [.single(SubsonicElement("searchResult2").with { result in
                    result.append(list: "artist", found.artists.map { call.shapes.artist($0) })
                    result.append(list: "album", found.albums.map { call.shapes.albumAsDirectory($0) })
                    result.append(list: "song", found.songs.map { call.shapes.song($0) })
                })]
            },
            "search3": SubsonicMethod { call in
                let found = try await search(call, host: host)
                return [.single(SubsonicElement("searchResult3").with { result in
                    result.append(list: "artist", found.artists.map { call.shapes.artist($0) })
                    result.append(list: "album", found.albums.map { call.shapes.album($0) })
                    result.append(list: "song", found.songs.map { call.shapes.song($0) })
                })]
            },
        ]
    }

    private static func search(_ call: SubsonicCall, host: MusicHost) async throws -> SearchAllResult {
        let parameters = call.parameters
        func window(_ count: String, _ offset: String) throws -> PageRequest {
            PageRequest(limit: try parameters.int(count) ?? 20, offset: try parameters.int(offset) ?? 0)
        }
        return try await host.search.searchAll(
            searchText(parameters.string("query")),
            artists: try window("artistCount", "artistOffset"), albums: try window("albumCount", "albumOffset"),
            songs: try window("songCount", "songOffset"), for: call.user)
    }

    /// The query as apps write it: `""` (two quotes, what Symfonium sends to sync), empty or
    /// absent all mean the whole library; a trailing `*` (a wildcard some apps add) is
    /// dropped, prefixes match anyway.
    static func searchText(_ query: String?) -> String {
        var text = (query ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text == "\"\"" { return "" }
        while text.hasSuffix("*") { text.removeLast() }
        return text
    }
}
