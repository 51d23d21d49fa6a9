import Foundation
import Logging
import SourceAPI
import Synchronization

/// The shared, permanent cache of remote tracks.
///
/// The first play of a remote track starts one download (however many clients ask) that
/// writes the provider's bytes to `cache/<source>/<id>.<ext>.part`; every client reads that
/// growing file. On success the file is fsynced, renamed and the track marked cached for
/// everyone; on failure the part file is removed and nothing is marked. Downloads belong
/// to the cache, not to a request, so a client leaving does not stop one. Nothing is ever
/// deleted automatically: only `remove(trackID:)` does.
public final class StreamCache: Sendable {
    public struct Settings: Sendable {
        /// Downloads running at once; the rest are queued.
        public var maximumConcurrentDownloads = 3
        /// A download with no new bytes for this long is stopped as failed.
        public var stallTimeout: Duration = .seconds(30)
        public init() {}
    }

    let catalog: Catalog
    let providers: [ProviderID: any SourceProvider]
    let root: URL
    let settings: Settings
    let logger: Logger
    private let slots: DownloadSlots
    private let running = Mutex<[String: Download]>([:])
    /// Downloads started since start-up: one per track however many listeners (the admin's
    /// figure of single-flight at work).
    private let startedCount = Atomic<Int>(0)

    let errors: SourceErrors

    init(
        catalog: Catalog, providers: [ProviderID: any SourceProvider], root: URL, settings: Settings, errors: SourceErrors,
        logger: Logger
    ) {
        self.errors = errors
        self.catalog = catalog
        self.providers = providers
        self.root = root
        self.settings = settings
        self.logger = logger
        slots = DownloadSlots(limit: settings.maximumConcurrentDownloads)
    }

    /// What the cache is downloading now, and how many downloads started since launch.
    var activity: DownloadActivity {
        DownloadActivity(
            trackIDs: running.withLock { Array($0.keys) }.sorted(), startedSinceLaunch: startedCount.load(ordering: .relaxed))
    }

    /// Removes part files left by a process that was killed mid-download. Run at start-up,
    /// before any download starts.
    func removeLeftovers() -> Int {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return 0 }
        var removed = 0
        for case let relative as String in walker where relative.hasSuffix(".part") {
            if (try? FileManager.default.removeItem(atPath: root.appendingPathComponent(relative).path)) != nil { removed += 1 }
        }
        return removed
    }

    /// The download of a remote track: the running one, or a new one.
    func download(for track: Track) -> Download {
        running.withLock { running in
            if let existing = running[track.id] { return existing }
            let folder = root.appendingPathComponent(Self.safeName(track.sourceType), isDirectory: true)
            let guess = "audio/mp4"
            let download = Download(
                partPath: folder.appendingPathComponent("\(Self.safeName(track.remoteID)).part").path,
                source: track.sourceType, contentType: guess)
            running[track.id] = download
            startedCount.add(1, ordering: .relaxed)
            Task { await self.run(download, track: track, folder: folder) }
            return download
        }
    }


    private func run(_ download: Download, track: Track, folder: URL) async {
        await slots.acquire()
        do {
            let (path, size, contentType) = try await write(download, track: track, folder: folder)
            let relative = "\(Self.safeName(track.sourceType))/\((path as NSString).lastPathComponent)"
            try await catalog.markCached(trackID: track.id, localPath: relative, size: size, format: contentType)
            // Marked cached first: a play arriving now finds the file, not a second download.
            finished(track)
            download.completed(size: size)
            errors.recordSuccess(source: track.sourceType)
            logger.info("cached", metadata: ["track": "\(track.id)", "source": "\(track.sourceType)", "bytes": "\(size)"])
        } catch {
            try? FileManager.default.removeItem(atPath: download.partPath)
            let failure = hostError(error, track: track)
            // Forgotten before its readers hear of the failure: a retry they make at once
            // must start a new download, not join this failed one.
            finished(track)
            download.failed(failure)
            let detail = if case .sourceFailed(let source) = failure { source.detail } else { "\(failure)" }
            // Only the source's own failure counts against its health (not an item it no longer has).
            let sourceFailure: SourceFailure? = if case .sourceFailed(let source) = failure { source } else { nil }
            logger.warning("download failed", metadata: ["track": "\(track.id)", "error": "\(detail)"])
            errors.record(
                source: track.sourceType, message: "download of \(track.remoteID) failed: \(detail)",
                summary: sourceFailure?.summary, action: sourceFailure == nil ? nil : .download)
        }
        await slots.release()
    }

    private func finished(_ track: Track) {
        _ = running.withLock { $0.removeValue(forKey: track.id) }
    }

    /// Runs the provider's fetch into the part file; returns the final path, size and type.
    private func write(_ download: Download, track: Track, folder: URL) async throws -> (String, Int64, String) {
        guard let provider = providers[track.ref.provider] else {
            throw HostError.unavailable("source \(track.sourceType) is disabled: enable it in plugins.json")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = try await provider.fetch(track.ref)
        guard case .stream(let declaredType, _, let bytes) = source else {
            throw HostError.unavailable("source \(track.sourceType) gave a file where a stream was expected")
        }
        let fd = open(download.partPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            logger.error("cannot create a cache file", metadata: ["path": "\(download.partPath)", "error": "\(reason)"])
            throw HostError.unavailable("the server cannot write to its cache (\(reason)); an admin can see why in the log")
        }
        var closed = false
        defer { if !closed { close(fd) } }

        // The watchdog stops a download whose source went silent (a stalled tool).
        let progress = ByteCounter()
        let consumer = Task { () throws -> (Int64, String) in
            var total: Int64 = 0
            var contentType = declaredType
            for try await chunk in bytes {
                if total == 0, let sniffed = AudioContentType.sniff(chunk) { contentType = sniffed.type }
                try Self.writeAll(chunk, to: fd)
                total += Int64(chunk.count)
                progress.value.store(total, ordering: .relaxed)
                download.wrote(total: total, contentType: contentType)
            }
            try Task.checkCancellation()
            return (total, contentType)
        }
        let watchdog = Task {
            var last: Int64 = -1
            var quietSince = ContinuousClock.now
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(250))
                let now = progress.value.load(ordering: .relaxed)
                if now != last {
                    last = now
                    quietSince = .now
                } else if ContinuousClock.now - quietSince >= settings.stallTimeout {
                    consumer.cancel()
                    return
                }
            }
        }
        defer { watchdog.cancel() }
        let (size, contentType): (Int64, String)
        do {
            (size, contentType) = try await consumer.value
        } catch is CancellationError {
            throw SourceFailure(
                source: track.sourceType, summary: "\(SourceFailure.capitalized(provider.displayName)) stopped sending this track; try again later",
                detail: "the download of \(track.remoteID) stalled for \(settings.stallTimeout) and was stopped")
        }
        guard size > 0 else {
            throw SourceFailure(
                source: track.sourceType, summary: "\(SourceFailure.capitalized(provider.displayName)) sent no audio for this track",
                detail: "source \(track.sourceType) sent no audio for \(track.remoteID)")
        }
        guard fsync(fd) == 0 else {
            throw HostError.unavailable("the server cannot write to its cache (\(String(cString: strerror(errno)))); an admin can see why in the log")
        }
        close(fd)
        closed = true
        let finalPath = folder.appendingPathComponent("\(Self.safeName(track.remoteID)).\(AudioContentType.fileExtension(of: contentType))").path
        try download.moveIntoPlace(finalPath)
        Self.syncFolder(folder.path)
        return (finalPath, size, contentType)
    }

    private static func writeAll(_ chunk: [UInt8], to fd: Int32) throws {
        var offset = 0
        while offset < chunk.count {
            let written = chunk.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, chunk.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = errno == ENOSPC ? "the disk is full: free some space" : String(cString: strerror(errno))
                throw HostError.unavailable("cannot write to the cache: \(reason)")
            }
            offset += written
        }
    }

    /// Makes a rename in `path` durable (thumbnails use it too).
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// A failed download as the host reports it (see `HostError.from`).
    private func hostError(_ error: any Error, track: Track) -> HostError {
        if let error = error as? HostError { return error }
        guard let provider = providers[track.ref.provider] else { return .unavailable("\(error)") }
        return HostError.from(error, provider: provider, action: .download)
    }

    /// Remote ids are checked by their providers; this keeps a file name one path component.
    static func safeName(_ id: String) -> String {
        String(id.map { $0 == "/" ? "~" : $0 }).replacingOccurrences(of: "..", with: "_")
    }

    // MARK: Managing the cache

    /// Deletes a cached track's file and unmarks it. Readers that have it open finish; the
    /// next play downloads it again.
    func remove(trackID: String) async throws {
        let track = try await catalog.track(id: trackID)
        guard let provider = providers[track.ref.provider], provider.capabilities.contains(.remote) else {
            throw HostError.invalidInput("track \(trackID) is a library file, not a cached download: delete it from the library folder instead")
        }
        guard track.isCached, let localPath = track.localPath else {
            throw HostError.notFound(kind: "cached file for track", id: trackID)
        }
        try await catalog.markUncached(trackID: trackID)
        try? FileManager.default.removeItem(at: root.appendingPathComponent(localPath))
    }

    /// Every cached track, with its size.
    func list() async throws -> [Track] {
        try await catalog.cachedRemoteTracks(sources: providers.values.filter { $0.capabilities.contains(.remote) }.map(\.id))
    }
}

/// A byte count shared between a download and its watchdog.
private final class ByteCounter: Sendable {
    let value = Atomic<Int64>(0)
}
