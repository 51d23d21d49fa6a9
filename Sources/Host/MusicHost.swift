import Foundation
import Logging
import SourceAPI

/// The engine, assembled: catalog, providers, scanner, search, covers and streams.
///
/// Adapters (`/api`, `/rest`, the command line) reach it only through its use-case
/// services, each answering in the signed-in person's view and with provider errors already
/// turned into `HostError`s: `library`, `search`, `streams` (and `transcoding`, which streams
/// go through when a player asks for a format or a bit rate), `covers` and `lyrics`,
/// `playlists`, `personal`, `playQueues`, `admin`. The catalog and its database are internal.
public final class MusicHost: Sendable {
    public let data: DataDirectory
    let catalog: Catalog
    let providers: [ConfiguredProvider]
    public let scanner: LibraryScanner
    public let library: LibraryBrowsing
    public let search: Searching
    public let covers: CoverService
    public let streams: StreamResolver
    public let transcoding: Transcoding
    public let playlists: Playlists
    public let personal: PersonalData
    public let lyrics: LyricsService
    public let playQueues: PlayQueues
    public let admin: Administration
    let cache: StreamCache
    let sourceErrors = SourceErrors()
    let logger: Logger

    /// Prepares the data folder, opens the catalog and builds the enabled providers. It
    /// does not touch the cache's part files: a command-line tool opens a host beside a
    /// running server, whose downloads in progress those are (`serve` clears them).
    public init(
        data: DataDirectory, plugins: PluginsFile, registry: ProviderRegistry, logger: Logger,
        cacheSettings: StreamCache.Settings = .init(), coverSettings: CoverService.Settings = .init(),
        transcodeSettings: Transcoding.Settings = .init()
    ) throws {
        try data.prepare()
        self.data = data
        self.logger = logger
        let catalog = try Catalog(path: data.catalogFile)
        self.catalog = catalog
        let providers = try registry.build(plugins, context: ProviderContext(dataDirectory: data.root, index: catalog))
        self.providers = providers
        let enabled = Dictionary(uniqueKeysWithValues: providers.compactMap { configured in
            configured.provider.map { (configured.id, $0) }
        })
        let librarySources = providers.compactMap { $0.provider as? any LibraryScanning }.map(\.id)
        let viewing = Viewing(catalog: catalog)
        scanner = LibraryScanner(
            catalog: catalog, providers: providers.compactMap { $0.provider as? any LibraryScanning }, logger: logger)
        library = LibraryBrowsing(catalog: catalog, librarySources: librarySources)
        search = Searching(
            federated: FederatedSearch(catalog: catalog, providers: providers, errors: sourceErrors, logger: logger), viewing: viewing)
        covers = CoverService(
            catalog: catalog, providers: enabled, thumbnailFolder: data.cache.appendingPathComponent("covers"),
            settings: coverSettings, logger: logger)
        let cache = StreamCache(
            catalog: catalog, providers: enabled, root: data.cache, settings: cacheSettings, errors: sourceErrors, logger: logger)
        self.cache = cache
        let streams = StreamResolver(catalog: catalog, providers: enabled, cache: cache, logger: logger)
        self.streams = streams
        transcoding = Transcoding(catalog: catalog, streams: streams, settings: transcodeSettings, logger: logger)
        playlists = Playlists(
            catalog: catalog,
            offline: OfflinePlaylists(catalog: catalog, logger: logger) { CacheJob(streams: streams, trackIDs: $0) })
        personal = PersonalData(catalog: catalog, viewing: viewing, librarySources: librarySources)
        lyrics = LyricsService(catalog: catalog, providers: enabled)
        playQueues = PlayQueues(catalog: catalog, viewing: viewing)
        let statuses = ProviderStatuses(providers: providers, errors: sourceErrors)
        admin = Administration(
            catalog: catalog, data: data, cache: cache, scanner: scanner, viewing: viewing, librarySources: librarySources,
            statuses: { detailed in await statuses.all(detailed: detailed) })
        self.statuses = statuses
    }

    private let statuses: ProviderStatuses

    /// Each provider of `plugins.json`, enabled or not, and whether it is healthy, in plain
    /// words (every signed-in person may read it); admins get the detail from `admin.sources()`.
    public func providerStatuses() async -> [ProviderStatus] {
        await statuses.all(detailed: false)
    }

    /// Every enabled source by id: what people call it, and whether it is a library on this
    /// disk or a remote source whose tracks are downloaded into the shared cache.
    public var sources: [String: SourceDescription] {
        Dictionary(uniqueKeysWithValues: providers.compactMap { configured in
            configured.provider.map { provider in
                (provider.id.rawValue, SourceDescription(
                    id: provider.id.rawValue, name: provider.displayName, isRemote: provider.capabilities.contains(.remote)))
            }
        })
    }

    /// Removes part files left by a server that was killed mid-download. Only `serve` calls
    /// it, at start-up, before any download starts.
    public func clearUnfinishedDownloads() -> Int {
        cache.removeLeftovers()
    }

    /// Gives back what only load needed: the catalog's page caches and its reader
    /// connections (reopened by the next read). Blocks until the reads in progress end;
    /// the server calls it from a background thread once it has been idle a while.
    public func releaseIdleMemory() {
        catalog.releaseMemory()
    }

    /// Stops the running transcodes and the providers' background processes. Call once,
    /// when the server stops.
    public func shutdown() async {
        transcoding.stopAll()
        for provider in providers.compactMap(\.provider) {
            await provider.shutdown()
        }
    }

    /// Keeps the library current until cancelled: a scan at start, one after each burst of
    /// file changes (of the folders it touched only), and a periodic safety rescan.
    public func keepLibraryCurrent() async {
        scanner.requestScan()
        await withTaskGroup(of: Void.self) { group in
            // Beside the watchers, not before them: a change made while offline
            // playlists are being looked up must not be missed.
            let offline = playlists.offline
            group.addTask { await offline.resumeAll() }
            for case let watching as any LibraryWatching in providers.compactMap(\.provider) {
                let scanner = self.scanner
                group.addTask {
                    for await change in watching.changes() {
                        scanner.requestScan(of: watching.id, change)
                    }
                }
                if let interval = watching.safetyRescanInterval {
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: interval)
                            if !Task.isCancelled { scanner.requestScan() }
                        }
                    }
                }
            }
        }
    }
}

/// An enabled source as adapters describe its tracks.
public struct SourceDescription: Sendable, Equatable {
    public var id: String
    /// What people call it ("YouTube", "your library").
    public var name: String
    /// Its tracks come from elsewhere and are kept in the shared cache once played.
    public var isRemote: Bool
}

/// A provider as `myspotify providers` and the admin page show it.
public struct ProviderStatus: Sendable, Codable, Equatable {
    public var id: String
    public var type: String
    /// What people call it ("YouTube").
    public var name: String
    public var enabled: Bool
    /// The source works as people use it: enabled, its health check passes, and its latest
    /// search or download did not fail.
    public var healthy: Bool
    /// What people experience, one word.
    public var state: State
    /// Why it is not healthy, in a plain sentence (no tool output).
    public var reason: String?
    public var problem: String?
    public var lastError: SourceErrors.Entry?

    public enum State: String, Sendable, Codable {
        /// Works: its last search or download worked, or it has not been used lately.
        case healthy
        /// Its tool starts, but its latest search or download failed.
        case failing
        /// Its health check fails (the tool is missing or hangs).
        case unavailable
        /// Turned off in plugins.json.
        case disabled
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, enabled, healthy, state, reason, problem, lastError = "last_error"
    }
}
