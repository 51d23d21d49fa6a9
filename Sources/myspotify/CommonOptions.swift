import ArgumentParser
import BuiltInProviders
import Foundation
import Host
import Logging

/// Where the data and the provider list are; shared by every command.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Data folder holding library/, cache/ and db/.", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp("The providers file.", valueName: "file"))
    var plugins: String?

    /// The embedded default when no plugins file exists: just the local library.
    static let defaultPlugins = #"{"providers": [{"id": "local", "type": "LocalFiles", "enabled": true}]}"#

    var dataDirectory: DataDirectory {
        let path = data ?? Environment.string("MYSPOTIFY_DATA") ?? "./data"
        return DataDirectory(URL(fileURLWithPath: path))
    }

    /// The plugins file named by --plugins or MYSPOTIFY_PLUGINS (it must exist), else
    /// ./plugins.json if present, else the embedded default.
    func pluginsFile(logger: Logger) throws -> PluginsFile {
        if let explicit = plugins ?? Environment.string("MYSPOTIFY_PLUGINS") {
            return try PluginsFile.load(path: explicit)
        }
        if FileManager.default.fileExists(atPath: "./plugins.json") {
            return try PluginsFile.load(path: "./plugins.json")
        }
        logger.notice("no plugins.json here: using the embedded default (the local library only)")
        return try PluginsFile.parse(Data(Self.defaultPlugins.utf8), path: "<embedded default>")
    }

    func makeHost(logger: Logger) throws -> MusicHost {
        try MusicHost(
            data: dataDirectory, plugins: pluginsFile(logger: logger), registry: BuiltInProviders.registry, logger: logger,
            cacheSettings: cacheSettings(), coverSettings: coverSettings(), transcodeSettings: transcodeSettings())
    }

    /// MYSPOTIFY_FFMPEG (the same ffmpeg as thumbnails) and MYSPOTIFY_MAX_TRANSCODES (default 4).
    func transcodeSettings() throws -> Transcoding.Settings {
        var settings = Transcoding.Settings()
        if let ffmpeg = Environment.string("MYSPOTIFY_FFMPEG") { settings.ffmpeg = ffmpeg }
        if let count = try Environment.int("MYSPOTIFY_MAX_TRANSCODES", in: 1...64) { settings.maximumConcurrent = count }
        return settings
    }

    /// MYSPOTIFY_FFMPEG (default `ffmpeg` from PATH) and MYSPOTIFY_THUMBNAIL_JOBS (default 2).
    func coverSettings() throws -> CoverService.Settings {
        var settings = CoverService.Settings()
        if let ffmpeg = Environment.string("MYSPOTIFY_FFMPEG") { settings.ffmpeg = ffmpeg }
        if let jobs = try Environment.int("MYSPOTIFY_THUMBNAIL_JOBS", in: 1...16) { settings.maximumThumbnailJobs = jobs }
        return settings
    }

    /// MYSPOTIFY_MAX_DOWNLOADS (default 3) and MYSPOTIFY_STALL_TIMEOUT_SECONDS (default 30).
    func cacheSettings() throws -> StreamCache.Settings {
        var settings = StreamCache.Settings()
        if let value = try Environment.int("MYSPOTIFY_MAX_DOWNLOADS", in: 1...32) {
            settings.maximumConcurrentDownloads = value
        }
        if let value = try Environment.int("MYSPOTIFY_STALL_TIMEOUT_SECONDS", in: 1...3600) {
            settings.stallTimeout = .seconds(value)
        }
        return settings
    }
}

enum CommandLogging {
    /// Logs go to standard error; MYSPOTIFY_LOG_LEVEL sets the level (default info).
    static func bootstrap() -> Logger {
        let level = Environment.string("MYSPOTIFY_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "myspotify")
    }
}
