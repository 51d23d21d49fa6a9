import Foundation
@testable import Host
import BuiltInProviders
import Logging
import SourceAPI

/// A real host on a real data folder (real SQLite file, real library folder) for tests.
public struct TestHost: Sendable {
    public let folder: TemporaryFolder
    public let host: MusicHost

    public var data: DataDirectory { host.data }
    public var library: URL { host.data.library }

    /// `plugins` is the JSON of `plugins.json`; by default the local library with no
    /// watcher and no periodic rescan, so tests decide when scans happen.
    public init(
        plugins: String = TestHost.localOnly(), registry: ProviderRegistry = TestHost.registry(), label: String = "host",
        cacheSettings: StreamCache.Settings = .init(), coverSettings: CoverService.Settings = .init(),
        transcodeSettings: Transcoding.Settings = .init(), folder: TemporaryFolder? = nil, logger: Logger? = nil
    ) throws {
        self.folder = try folder ?? TemporaryFolder(label)
        let file = try PluginsFile.parse(Data(plugins.utf8), path: "plugins.json")
        let logger = logger ?? {
            var quiet = Logger(label: "test")
            quiet.logLevel = .critical
            return quiet
        }()
        // This host's own name for ffmpeg (a link to it in its folder), so that a test counts
        // the transcodes of its host only, not those of suites running beside it.
        var transcodeSettings = transcodeSettings
        if transcodeSettings.ffmpeg == Transcoding.Settings().ffmpeg, let ffmpeg = TranscodeFixtures.installedFFmpeg() {
            let link = self.folder.appending("bin/ffmpeg")
            // A second host on the same folder (an upgrade test) finds the first one's link.
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == nil {
                try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(at: link, withDestinationURL: ffmpeg)
            }
            transcodeSettings.ffmpeg = link.path
        }
        host = try MusicHost(
            data: DataDirectory(self.folder.url), plugins: file, registry: registry, logger: logger, cacheSettings: cacheSettings,
            coverSettings: coverSettings, transcodeSettings: transcodeSettings)
    }

    public static func localOnly(watch: Bool = false, debounceMilliseconds: Int = 200) -> String {
        """
        {"providers": [{"id": "local", "type": "LocalFiles", "options": {
            "watch": \(watch), "debounce_ms": \(debounceMilliseconds), "rescan_interval_minutes": 0}}]}
        """
    }

    /// The registry of the real executable's providers.
    public static func registry() -> ProviderRegistry { BuiltInProviders.registry }

    /// Writes a tone into the library at `relativePath`.
    @discardableResult
    public func addTrack(
        _ relativePath: String, tags: AudioFixtures.Tags = [:], seconds: Double = 1, frequency: Int = 440,
        embeddedCover: Bool = false
    ) async throws -> URL {
        try await AudioFixtures.tone(
            at: library.appendingPathComponent(relativePath), seconds: seconds, frequency: frequency, tags: tags,
            embeddedCover: embeddedCover)
    }

    /// Runs an incremental (or full) scan and returns its result.
    @discardableResult
    public func scan(full: Bool = false) async -> ScanProgress {
        await host.scanner.run(full: full)
    }

    /// The track at a library path, or nil.
    public func track(at relativePath: String) async throws -> Track? {
        try await host.catalog.tracks(for: [RemoteRef(provider: "local", id: relativePath)]).values.first
    }
}
