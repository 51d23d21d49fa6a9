import Foundation
import SourceAPI
import YtDlpSupport

/// YouTube Music: search with ytmusicapi (in a resident helper), resolve and fetch with yt-dlp.
///
/// Options in `plugins.json` (all optional):
/// - `python`: the interpreter that has ytmusicapi (default `python3`; scripts/setup puts
///   `.venv/bin` first in `PATH`);
/// - `helper_script`: the helper (default: the copy shipped with the binary);
/// - `yt_dlp`: yt-dlp's path or name (default `yt-dlp`);
/// - `search_limit` (default 20), `include_videos` (default false: songs only);
/// - `request_timeout_ms` (helper, default 8000), `resolve_timeout_ms` (default 20000);
/// - `audio_format`: yt-dlp's `-f` (default `ba[ext=m4a]/ba/b`);
/// - `watch_url`: the page of a video, `{id}` replaced (default YouTube Music's);
/// - `resident_extractor`, `extractor_python`, `extractor_processes`, `prepare_hits`: yt-dlp
///   kept loaded, and search hits resolved ahead of a click (`ResidentExtractorOptions`).
public struct YouTubeProvider: YtDlpPageProvider {
    public static let typeName = "YouTube"

    public let id: ProviderID
    public let displayName = "YouTube"
    public let capabilities: ProviderCapabilities = [.search, .remote]
    let helper: YTMusicHelper
    public let itemTool: YtDlpItemTool
    let searchLimit: Int
    let includeVideos: Bool
    let requestTimeout: Duration

    /// Video ids are 11 characters of `A-Z a-z 0-9 - _`.
    static let idRule = RemoteIDRule(explanation: "a YouTube video id is 11 letters, digits, - or _") { id in
        id.count == 11 && id.allSatisfy(RemoteIDRule.isIDCharacter)
    }

    public init(id: ProviderID, options: ProviderOptions, context: ProviderContext) throws {
        var options = options
        let python = try options.string("python", default: "python3")
        let script = try options.optionalString("helper_script") ?? Self.bundledHelperPath()
        let watchURL = try options.string("watch_url", default: "https://music.youtube.com/watch?v={id}")
        guard watchURL.contains("{id}") else {
            throw ProviderOptionError(key: "watch_url", problem: "must contain {id}, where the video id goes")
        }
        itemTool = YtDlpItemTool(
            executable: try options.string("yt_dlp", default: "yt-dlp"),
            resolveTimeout: .milliseconds(try options.int("resolve_timeout_ms", default: 20_000, in: 100...300_000)),
            audioFormat: try options.string("audio_format", default: "ba[ext=m4a]/ba/b"),
            pageURL: watchURL, idRule: Self.idRule, contentType: "audio/mp4",
            resident: try ResidentExtractorOptions.read(from: &options))
        searchLimit = try options.int("search_limit", default: 20, in: 1...100)
        includeVideos = try options.bool("include_videos", default: false)
        requestTimeout = .milliseconds(try options.int("request_timeout_ms", default: 8000, in: 100...120_000))
        try options.rejectUnknownKeys()
        self.id = id
        helper = YTMusicHelper(command: ChildProcess(executable: python, arguments: ["-u", script]))
    }

    public func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        let limit = min(query.limit + query.offset, searchLimit)
        var results = try await helper.call(
            "search", query: query.text, filter: "songs", limit: limit, timeout: requestTimeout, as: [YTMusicSearchResult].self) ?? []
        if includeVideos {
            results += try await helper.call(
                "search", query: query.text, filter: "videos", limit: limit, timeout: requestTimeout, as: [YTMusicSearchResult].self) ?? []
        }
        let candidates = results.compactMap { $0.candidate(provider: id, idRule: { Self.idRule.isValid($0) }) }
        return Array(candidates.dropFirst(query.offset).prefix(query.limit))
    }

    /// Both tools must work: the ytmusicapi helper for search, yt-dlp for audio.
    public func healthProblem() async -> String? {
        do {
            _ = try await helper.call("ping", timeout: requestTimeout, as: [YTMusicSearchResult].self)
        } catch {
            return "\(error)"
        }
        return await itemTool.healthProblem()
    }

    public func shutdown() async {
        await helper.stop()
        await itemTool.shutdown()
    }

    /// The helper script shipped as a resource of this module.
    static func bundledHelperPath() throws -> String {
        guard let url = Bundle.module.url(forResource: "ytmusic_helper", withExtension: "py") else {
            throw ProviderOptionError(key: "helper_script", problem: "the bundled ytmusic_helper.py is missing: set the path explicitly")
        }
        return url.path
    }
}
