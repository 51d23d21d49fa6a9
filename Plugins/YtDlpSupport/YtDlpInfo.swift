import Foundation
import SourceAPI

/// The fields MySpotify reads from `yt-dlp -J` (one item) or `--flat-playlist` entries.
public struct YtDlpInfo: Decodable, Sendable {
    public var id: String?
    public var title: String?
    public var track: String?
    public var artist: String?
    public var artists: [String]?
    public var creator: String?
    public var uploader: String?
    public var channel: String?
    public var album: String?
    public var duration: Double?
    public var thumbnail: String?
    public var url: String?
    public var webpageURL: String?
    public var releaseYear: Int?
    public var genre: String?
    public var entries: [YtDlpInfo]?
    /// The format yt-dlp selected (with `-f`): its id, file extension and protocol.
    public var formatID: String?
    public var ext: String?
    public var transferProtocol: String?

    enum CodingKeys: String, CodingKey {
        case id, title, track, artist, artists, creator, uploader, channel, album, duration, thumbnail, url, entries, genre, ext
        case webpageURL = "webpage_url", releaseYear = "release_year", formatID = "format_id", transferProtocol = "protocol"
    }

    public static func decode(_ bytes: [UInt8]) throws -> YtDlpInfo {
        do {
            return try JSONDecoder().decode(YtDlpInfo.self, from: Data(bytes))
        } catch {
            throw ProviderError.unavailable("yt-dlp printed something that is not its JSON: \(error)")
        }
    }

    /// Track metadata, preferring music tags over the video's generic fields.
    public var metadata: TrackMetadata {
        let name = track ?? title ?? id ?? "Untitled"
        let performer = artist ?? artists?.joined(separator: ", ") ?? creator ?? uploader ?? channel
        return TrackMetadata(
            title: name, artist: performer.map(Self.cleanArtist), album: album, genre: genre, year: releaseYear,
            duration: duration)
    }

    /// YouTube's auto-generated channels are named "Artist - Topic".
    static func cleanArtist(_ name: String) -> String {
        name.hasSuffix(" - Topic") ? String(name.dropLast(" - Topic".count)) : name
    }
}
