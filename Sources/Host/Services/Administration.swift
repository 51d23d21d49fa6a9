import Foundation
import SourceAPI

/// What the admin page and the command line manage: storage, sources, scans and the shared
/// cache. Adapters check that the caller is an admin; everything here trusts that.
public struct Administration: Sendable {
    let catalog: Catalog
    let data: DataDirectory
    let cache: StreamCache
    let scanner: LibraryScanner
    let viewing: Viewing
    let librarySources: [ProviderID]
    let statuses: @Sendable (_ detailed: Bool) async -> [ProviderStatus]

    /// The data disk's figures.
    public func disk() async throws -> StorageReport {
        let totals = try await catalog.totals(librarySources: librarySources)
        let data = self.data
        return try await Task.detached { try StorageReport.measure(data: data, libraryBytes: totals.libraryBytes) }.value
    }

    /// The disk's figures and what the catalog holds, in numbers.
    public func storage() async throws -> StorageOverview {
        let totals = try await catalog.totals(librarySources: librarySources)
        let data = self.data
        let disk = try await Task.detached { try StorageReport.measure(data: data, libraryBytes: totals.libraryBytes) }.value
        return StorageOverview(disk: disk, counts: totals)
    }

    /// Every provider with its health in full detail (tool output, paths).
    public func sources() async -> [ProviderStatus] {
        await statuses(true)
    }

    public var scanProgress: ScanProgress { scanner.progress }

    /// Starts a scan unless one runs (false then: that one goes on).
    public func startScan(full: Bool) -> Bool {
        scanner.start(full: full)
    }

    /// Files of the library that could not be read, and why.
    public func scanFailures() async throws -> [ScanFailure] {
        try await catalog.scanFailures()
    }

    /// Every cached remote track, most recently cached first, with the total size.
    public func cachedTracks(for viewer: User?) async throws -> CacheListing {
        let tracks = try await cache.list()
        return CacheListing(
            tracks: try await viewing.tracks(tracks, for: viewer?.id), bytes: tracks.reduce(0) { $0 + ($1.fileSize ?? 0) })
    }

    /// Deletes a cached track's file; the next play downloads it again.
    public func removeFromCache(trackID: String) async throws {
        try await cache.remove(trackID: trackID)
    }

    /// The downloads running and waiting now, and how many started since the server did.
    public func downloads() -> DownloadActivity {
        cache.activity
    }
}

/// The data disk and the catalog, in numbers.
public struct StorageOverview: Sendable {
    public var disk: StorageReport
    public var counts: CatalogTotals
}

/// The shared cache's tracks, with their totals.
public struct CacheListing: Sendable {
    public var tracks: [TrackView]
    public var bytes: Int64

    /// Count and size per source, in source order.
    public var bySource: [(source: String, count: Int, bytes: Int64)] {
        Dictionary(grouping: tracks, by: \.sourceType).sorted { $0.key < $1.key }.map { source, tracks in
            (source, tracks.count, tracks.reduce(0) { $0 + ($1.fileSize ?? 0) })
        }
    }
}

/// The shared cache's downloads at one moment.
public struct DownloadActivity: Sendable, Equatable {
    /// Tracks being downloaded now (or waiting for a download slot).
    public var trackIDs: [String]
    /// Downloads started since the server started: one per track however many listeners.
    public var startedSinceLaunch: Int
}
