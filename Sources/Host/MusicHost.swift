import Foundation
import Logging
import SourceAPI

/// The engine, assembled: catalog, providers, scanner, search, covers and streams.
/// Adapters (HTTP, CLI) call its services; it knows nothing of HTTP.
public final class MusicHost: Sendable {
    public let data: DataDirectory
    public let catalog: Catalog
    public let providers: [ConfiguredProvider]
    public let scanner: LibraryScanner
    public let search: FederatedSearch
    public let covers: CoverService
    public let streams: StreamResolver
    public let cache: StreamCache
    public let playlists: Playlists
    public let sourceErrors = SourceErrors()
    let logger: Logger

    /// Prepares the data folder, opens the catalog and builds the enabled providers. It
    /// does not touch the cache's part files: a command-line tool opens a host beside a
    /// running server, whose downloads in progress those are (`serve` clears them).
    public init(
        data: DataDirectory, plugins: PluginsFile, registry: ProviderRegistry, logger: Logger,
        cacheSettings: StreamCache.Settings = .init(), coverSettings: CoverService.Settings = .init()
    ) throws {
        try data.prepare()
        self.data = data
        self.logger = logger
        catalog = try Catalog(path: data.catalogFile)
        providers = try registry.build(plugins, context: ProviderContext(dataDirectory: data.root, index: catalog))
        let enabled = Dictionary(uniqueKeysWithValues: providers.compactMap { configured in
            configured.provider.map { (configured.id, $0) }
        })
        scanner = LibraryScanner(
            catalog: catalog, providers: providers.compactMap { $0.provider as? any LibraryScanning }, logger: logger)
        search = FederatedSearch(catalog: catalog, providers: providers, errors: sourceErrors, logger: logger)
        covers = CoverService(
            catalog: catalog, providers: enabled, thumbnailFolder: data.cache.appendingPathComponent("covers"),
            settings: coverSettings, logger: logger)
        cache = StreamCache(
            catalog: catalog, providers: enabled, root: data.cache, settings: cacheSettings, errors: sourceErrors, logger: logger)
        let streams = StreamResolver(catalog: catalog, providers: enabled, cache: cache, logger: logger)
        self.streams = streams
        playlists = Playlists(
            catalog: catalog,
            offline: OfflinePlaylists(catalog: catalog, logger: logger) { CacheJob(trackIDs: $0, streams: streams) })
    }

    /// Caches tracks in the background through the shared cache, with progress.
    public func cacheInBackground(trackIDs: [String]) -> CacheJob {
        CacheJob(trackIDs: trackIDs, streams: streams)
    }

    /// Stops the providers' background processes. Call once, when the server stops.
    public func shutdown() async {
        for provider in providers.compactMap(\.provider) {
            await provider.shutdown()
        }
    }

    /// Each provider of `plugins.json`, enabled or not, and whether it is healthy. With
    /// `detailed` (admins, the command line), also what is wrong in the tool's own words and
    /// what went wrong last; without, a plain sentence and no detail, since health checks and
    /// tool output name folders, commands and addresses of this server. The providers are
    /// asked at once: a health check may run a tool (`yt-dlp --version`), and one slow
    /// source must not hold up the others'.
    public func providerStatuses(detailed: Bool) async -> [ProviderStatus] {
        let statuses = await providerStatuses()
        guard !detailed else { return statuses }
        return statuses.map { status in
            var plain = status
            plain.problem = status.enabled && !status.healthy
                ? "\(SourceFailure.capitalized(status.name)) is not available right now" : nil
            plain.lastError = nil
            return plain
        }
    }

    private func providerStatuses() async -> [ProviderStatus] {
        let problems = await withTaskGroup(of: (Int, String?).self) { group in
            for (index, configured) in providers.enumerated() {
                group.addTask { (index, await configured.provider?.healthProblem()) }
            }
            var problems = [String?](repeating: nil, count: providers.count)
            for await (index, problem) in group { problems[index] = problem }
            return problems
        }
        return zip(providers, problems).map { configured, problem in
            ProviderStatus(
                id: configured.id.rawValue, type: configured.entry.type, name: configured.provider?.displayName ?? configured.id.rawValue,
                enabled: configured.enabled,
                healthy: configured.enabled && problem == nil, problem: problem,
                lastError: sourceErrors.last(for: configured.id.rawValue))
        }
    }

    /// The library's newest files, the cache's newest downloads and the user's week.
    public func discovery(userID: String) async throws -> Discovery {
        try await catalog.discovery(userID: userID, librarySources: libraryProviderIDs)
    }

    /// The storage figures of the data disk.
    public func storage() async throws -> StorageReport {
        let totals = try await catalog.totals(librarySources: libraryProviderIDs)
        let data = self.data
        return try await Task.detached { try StorageReport.measure(data: data, libraryBytes: totals.libraryBytes) }.value
    }

    public var libraryProviderIDs: [ProviderID] {
        providers.compactMap { $0.provider as? any LibraryScanning }.map(\.id)
    }

    /// Keeps the library current until cancelled: a scan at start, one after each burst of
    /// file changes, and a periodic safety rescan.
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
                    for await _ in watching.changes() {
                        scanner.requestScan()
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

/// A provider as `myspotify providers` and the admin page show it.
public struct ProviderStatus: Sendable, Codable, Equatable {
    public var id: String
    public var type: String
    /// What people call it ("YouTube").
    public var name: String
    public var enabled: Bool
    public var healthy: Bool
    public var problem: String?
    public var lastError: SourceErrors.Entry?

    enum CodingKeys: String, CodingKey {
        case id, type, name, enabled, healthy, problem, lastError = "last_error"
    }
}
