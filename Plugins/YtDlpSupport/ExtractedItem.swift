import Foundation

/// What the resident extractor found on one item page: the item's fields, and the format
/// yt-dlp selected when it is one plain HTTP file.
public struct ExtractedItem: Sendable {
    public var info: YtDlpInfo
    /// nil when the selected format is not a plain download (merged formats, fragments,
    /// HLS): the yt-dlp command downloads those.
    public var media: ResolvedMedia?
}

/// One selected format, as yt-dlp's HTTP downloader would fetch it: its URL, the headers
/// yt-dlp sends (cookies included), and the chunk size it asks ranges in.
///
/// The URL and the headers may carry signatures and cookies, so neither is ever printed:
/// its description names the host only.
public struct ResolvedMedia: Sendable, Decodable, CustomStringConvertible, CustomDebugStringConvertible {
    public var url: String
    public var headers: [String: String]
    public var chunkSize: Int?
    public var fileSize: Int?

    enum CodingKeys: String, CodingKey {
        case url, headers
        case chunkSize = "chunk_size", fileSize = "filesize"
    }

    public init(url: String, headers: [String: String] = [:], chunkSize: Int? = nil, fileSize: Int? = nil) {
        self.url = url
        self.headers = headers
        self.chunkSize = chunkSize
        self.fileSize = fileSize
    }

    public var description: String {
        "media on \(URLComponents(string: url)?.host ?? "an unknown host")"
    }

    public var debugDescription: String { description }

    /// When the URL says it stops working: YouTube's and Google's `expire=` (seconds since
    /// 1970), nil when it does not say.
    public var expiry: Date? {
        guard let items = URLComponents(string: url)?.queryItems,
              let value = items.first(where: { $0.name == "expire" })?.value, let seconds = Double(value), seconds > 0
        else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}

/// One line the resident extractor writes: its start-up line, or the reply to a request.
struct ExtractorLine: Decodable {
    struct Failure: Decodable, Sendable {
        var type: String
        var message: String
    }

    var ready: Bool?
    var version: String?
    var id: Int?
    var ok: Bool?
    var info: YtDlpInfo?
    var media: ResolvedMedia?
    var error: Failure?

    enum CodingKeys: String, CodingKey {
        case ready, version, id, ok, info, media, error
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ready = try container.decodeIfPresent(Bool.self, forKey: .ready)
        version = try container.decodeIfPresent(String.self, forKey: .version)
        id = try container.decodeIfPresent(Int.self, forKey: .id)
        ok = try container.decodeIfPresent(Bool.self, forKey: .ok)
        info = try container.decodeIfPresent(YtDlpInfo.self, forKey: .info)
        media = try container.decodeIfPresent(ResolvedMedia.self, forKey: .media)
        // The start-up line's error is a sentence; a reply's is {type, message}.
        if let failure = try? container.decodeIfPresent(Failure.self, forKey: .error) {
            error = failure
        } else if let sentence = try? container.decodeIfPresent(String.self, forKey: .error) {
            error = Failure(type: "StartupError", message: sentence)
        }
    }
}
