import Foundation
import Host

/// Lyrics: getLyricsBySongId (OpenSubsonic's `songLyrics`: every set, synced ones with
/// their lines' start times) and the older getLyrics (one plain text, by artist and title).
extension SubsonicAPI {
    static func lyrics(host: MusicHost) -> [String: SubsonicMethod] {
        [
            "getLyricsBySongId": SubsonicMethod { call in
                // `enhanced` (songLyrics version 2) is not offered: version 1's answer is
                // what the spec tells servers without it to send.
                let found = try await host.lyrics.lyrics(trackID: try call.parameters.required("id"))
                return [.single(SubsonicElement("lyricsList").with { list in
                    list.append(list: "structuredLyrics", found.sets.map { set in
                        SubsonicElement("structuredLyrics").with {
                            $0.set("displayArtist", found.track.artist)
                            $0.set("displayTitle", found.track.title)
                            // The spec's word for "not known", as Navidrome writes it.
                            $0.set("lang", set.language ?? "xxx")
                            if set.offsetMilliseconds != 0 { $0.set("offset", set.offsetMilliseconds) }
                            $0.set("synced", set.isSynced)
                            $0.append(list: "line", set.lines.map { line in
                                SubsonicElement("line").with {
                                    $0.set("start", line.start)
                                    $0.setText(line.text)
                                }
                            })
                        }
                    })
                })]
            },
            // Always a `lyrics` element, its text empty when nothing was found (apps show
            // "no lyrics" rather than an error).
            "getLyrics": SubsonicMethod { call in
                let found = try await host.lyrics.lyrics(artist: call.parameters.string("artist"), title: call.parameters.string("title"))
                return [.single(SubsonicElement("lyrics").with {
                    $0.set("artist", found?.track.artist)
                    $0.set("title", found?.track.title)
                    // The plain text: an unsynced set when there is one, else a synced one's words.
                    let set = found?.sets.first { !$0.isSynced } ?? found?.sets.first
                    $0.setText(set?.lines.map(\.text).joined(separator: "\n") ?? "")
                })]
            },
        ]
    }
}
