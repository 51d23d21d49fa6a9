import Foundation
import SourceAPI
import YtDlpSupport

/// SoundCloud through yt-dlp: `scsearchN:` for search, the track page for resolve and fetch.
///
/// Options in `plugins.json` (all optional): `yt_dlp` (default `yt-dlp`), `search_limit`
/// (default 10), `search_process_timeout_ms` (default 15000), `resolve_timeout_ms`
/// (default 20000), `audio_format` (default `ba/b`), `track_url` (`{id}` replaced by
/// `user/track`, default `https://soundcloud.com/{id}`); `resident_extractor`,
/// `extractor_python`, `extractor_processes`, `prepare_hits` (`ResidentExtractorOptions`).
public struct SoundCloudProvider: YtDlpPageProvider {
    public static let typeName = "SoundCloud"

    public let id: ProviderID
    public let displayName = "SoundCloud"
    public let capabilities: ProviderCapabilities = [.search, .remote]
    public let itemTool: YtDlpItemTool
    let searchLimit: Int
    let searchTimeout: Duration

    /// A track is `user/track-slug`: two parts of letters, digits, - and _.
    static let idRule = RemoteIDRule(explanation: "a SoundCloud track is user/track, in letters, digits, - or _") { id in
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 200 && $0.allSatisfy(RemoteIDRule.isIDCharacter) }
    }

    public init(id: ProviderID, options: ProviderOptions, context: ProviderContext) throws {
        var options = options
        let trackURL = try options.string("track_url", default: "https://soundcloud.com/{id}")
        guard trackURL.contains("{id}") else {
            throw ProviderOptionError(key: "track_url", problem: "must contain {id}, where user/track goes")
        }
        itemTool = YtDlpItemTool(
            executable: try options.string("yt_dlp", default: "yt-dlp"),
            resolveTimeout: .milliseconds(try options.int("resolve_timeout_ms", default: 20_000, in: 100...300_000)),
            audioFormat: try options.string("audio_format", default: "ba/b"),
            pageURL: trackURL, idRule: Self.idRule, contentType: "audio/mpeg",
            resident: try ResidentExtractorOptions.read(from: &options))
        searchLimit = try options.int("search_limit", default: 10, in: 1...50)
        searchTimeout = .milliseconds(try options.int("search_process_timeout_ms", default: 15_000, in: 100...120_000))
        try options.rejectUnknownKeys()
        self.id = id
    }

    public func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        let count = min(query.limit + query.offset, searchLimit)
        let output = try await ChildProcess(
            executable: itemTool.executable, arguments: ["-J", "--flat-playlist", "-q", "--no-warnings", "--", "scsearch\(count):\(query.text)"]
        ).collect(timeout: searchTimeout)
        let ref = RemoteRef(provider: id, id: "scsearch")
        let listing = try YtDlpFailure.checkedJSON(output, ref: ref)
        let candidates = (listing.entries ?? []).compactMap(candidate(from:))
        return Array(candidates.dropFirst(query.offset).prefix(query.limit))
    }

    /// A flat search entry: its page URL gives `user/track`.
    func candidate(from entry: YtDlpInfo) -> TrackCandidate? {
        guard let page = entry.webpageURL ?? entry.url, let components = URLComponents(string: page) else { return nil }
        let parts = components.path.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        let trackID = parts.suffix(2).joined(separator: "/")
        guard Self.idRule.isValid(trackID) else { return nil }
        var metadata = entry.metadata
        if entry.title == nil && entry.track == nil {
            metadata.title = parts.last!.replacingOccurrences(of: "-", with: " ")
        }
        if metadata.artist == nil { metadata.artist = parts[parts.count - 2] }
        return TrackCandidate(ref: RemoteRef(provider: id, id: trackID), metadata: metadata, artworkURL: entry.thumbnail)
    }
}
