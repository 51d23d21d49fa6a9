import Foundation
import Host
import TestSupport

/// A host with the local library, YouTube and SoundCloud, whose media come from a local
/// HTTP server through the real yt-dlp, and whose searches come from recorded answers.
struct RemoteWorld {
    let media: MediaServer
    let mediaFolder: TemporaryFolder
    let tools: TemporaryFolder
    let test: TestHost

    /// `searchTimeoutMilliseconds` is YouTube's federated-search deadline: generous by
    /// default, because a machine running every suite at once starts Python slowly.
    /// `youTubeOptions`: more members of YouTube's options object (`"prepare_hits": 0`).
    static func make(
        cacheSettings: StreamCache.Settings = .init(), youTubeTimeoutMilliseconds: Int = 15000,
        searchTimeoutMilliseconds: Int = 20000, youTubeOptions: String = "", youTubeYtDlp: String = RemoteFixtures.ytDlp
    ) async throws -> RemoteWorld {
        let mediaFolder = try TemporaryFolder("media")
        try await AudioFixtures.tone(at: mediaFolder.appending("aaaaaaaaaa1.m4a"), seconds: 6, tags: ["title": "Get Lucky"])
        try await AudioFixtures.tone(at: mediaFolder.appending("bbbbbbbbbb2.m4a"), seconds: 3, frequency: 500)
        try await AudioFixtures.tone(at: mediaFolder.appending("someartist/night-drive.mp3"), seconds: 2, frequency: 600)
        try await AudioFixtures.tone(at: mediaFolder.appending("other_artist/untitled-loop.mp3"), seconds: 1, frequency: 700)
        let media = MediaServer(folder: mediaFolder.url)
        try await media.start()

        let tools = try TemporaryFolder("tools")
        let python = try RemoteFixtures.fakeYTMusic(in: tools.url)
        let soundCloudYtDlp = try RemoteFixtures.soundCloudSearchYtDlp(
            in: tools.url, mediaBase: "http://127.0.0.1:\(media.port)/media")
        let plugins = """
            {"providers": [
              {"id": "local", "type": "LocalFiles", "options": {"watch": false, "rescan_interval_minutes": 0}},
              {"id": "youtube", "type": "YouTube", "search_timeout_ms": \(searchTimeoutMilliseconds), "options": {
                "python": "\(python)", "helper_script": "\(RemoteFixtures.ytmusicHelper)", "yt_dlp": "\(youTubeYtDlp)",
                "watch_url": "\(media.template(ext: "m4a"))", "request_timeout_ms": \(youTubeTimeoutMilliseconds)\(youTubeOptions.isEmpty ? "" : ", " + youTubeOptions)}},
              {"id": "soundcloud", "type": "SoundCloud", "search_timeout_ms": \(searchTimeoutMilliseconds), "options": {
                "yt_dlp": "\(soundCloudYtDlp)", "track_url": "\(media.template(ext: "mp3"))",
                "search_process_timeout_ms": \(searchTimeoutMilliseconds), "resolve_timeout_ms": \(2 * searchTimeoutMilliseconds)}}
            ]}
            """
        let test = try TestHost(plugins: plugins, label: "remote", cacheSettings: cacheSettings)
        return RemoteWorld(media: media, mediaFolder: mediaFolder, tools: tools, test: test)
    }

    var host: MusicHost { test.host }

    /// The catalog track of a YouTube video, found through a federated search.
    func youTubeTrack(_ videoID: String = "aaaaaaaaaa1") async throws -> Track {
        let answer = try await host.search.search("lucky", limit: 20, offset: 0, sources: ["youtube"])
        guard let track = answer.tracks.first(where: { $0.remoteID == videoID })?.track else {
            throw FixtureError(message: "no YouTube result \(videoID) in \(answer.tracks.map(\.remoteID)): \(answer.sources)")
        }
        return track
    }

    func mediaBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: mediaFolder.appending(name)))
    }
}
