import CMemory
import Foundation
import Logging
import SourceAPI
import Synchronization

/// Scans the library providers into the catalog, one scan at a time, and reports progress.
///
/// A scan is a pipeline of phases, as Navidrome's: walk (list files with size and mtime),
/// read the tags of new and changed files in parallel, write them in batched transactions
/// (reading the next batch while the previous one is written), remove what is gone, then
/// refresh albums and artists. Unchanged files are never opened. A change a watcher
/// reported walks only the folders it touched (`requestScan(of:_:)`).
public final class LibraryScanner: Sendable {
    private let catalog: Catalog
    private let providers: [any LibraryScanning]
    private let logger: Logger
    private let batchSize: Int
    private let state = Mutex(State())

    private struct State {
        var progress = ScanProgress()
        var task: Task<ScanProgress, Never>?
        /// Changes that arrived while a scan ran: scanned when it ends.
        var pending: ScanRequest?
    }

    init(catalog: Catalog, providers: [any LibraryScanning], logger: Logger, batchSize: Int = 500) {
        self.catalog = catalog
        self.providers = providers
        self.logger = logger
        self.batchSize = batchSize
    }

    /// The current or last scan's progress.
    public var progress: ScanProgress { state.withLock { $0.progress } }

    /// Starts a scan in the background unless one is running. Returns whether it started.
    @discardableResult
    public func start(full: Bool = false) -> Bool {
        start(full: full, request: .everything)
    }

    private func start(full: Bool, request: ScanRequest) -> Bool {
        state.withLock { state in
            guard state.task == nil else { return false }
            state.progress = ScanProgress()
            state.progress.running = true
            state.progress.full = full
            state.progress.phase = .walking
            state.progress.startedAt = Date()
            state.task = Task { await self.runAll(full: full, request: request) }
            return true
        }
    }

    /// Runs a scan and waits for it; if one is already running, waits for that one instead.
    public func run(full: Bool = false) async -> ScanProgress {
        start(full: full)
        let task = state.withLock { $0.task }
        return await task?.value ?? progress
    }

    /// Asks for an incremental scan soon: now if idle, else right after the running one.
    public func requestScan() {
        request(.everything)
    }

    /// Asks for an incremental scan of what a source's watcher saw change: only those
    /// folders are walked, so its cost is the change's, not the library's.
    public func requestScan(of source: ProviderID, _ change: LibraryChange) {
        request(ScanRequest(source: source, change: change))
    }

    private func request(_ request: ScanRequest) {
        if !start(full: false, request: request) {
            state.withLock { $0.pending = $0.pending.map { $0.merged(with: request) } ?? request }
        }
    }

    /// Waits for the running scan, if any.
    public func waitUntilIdle() async {
        while let task = state.withLock({ $0.task }) {
            _ = await task.value
        }
    }

    // MARK: The scan

    private func runAll(full: Bool, request: ScanRequest) async -> ScanProgress {
        let clock = ContinuousClock()
        let started = clock.now
        var failure: String?
        var touched = TouchedGroups()
        for provider in providers {
            guard let scopes = request.scopes(for: provider.id) else { continue }
            do {
                touched.formUnion(try await scan(provider, full: full, scopes: scopes))
            } catch {
                failure = "scan of \(provider.id) failed: \(error)"
                logger.error("library scan failed", metadata: ["source": "\(provider.id)", "error": "\(error)"])
            }
        }
        // A new folder image alone changes no track count, but may be its album's cover.
        if progress.changedCatalog || !touched.isEmpty {
            update { $0.phase = .indexing }
            do {
                // A full scan rebuilds every album and artist (and repairs any drift); an
                // incremental one only those its changes touched.
                try await catalog.refreshAlbumsAndArtists(librarySources: providers.map(\.id), only: full ? nil : touched)
            } catch {
                failure = failure ?? "refreshing albums and artists failed: \(error)"
            }
        }
        let elapsed = clock.now - started
        let final = state.withLock { state -> ScanProgress in
            state.progress.running = false
            state.progress.phase = failure == nil ? .done : .failed
            state.progress.error = failure
            state.progress.finishedAt = Date()
            state.progress.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            state.task = nil
            return state.progress
        }
        logger.info(
            "library scan finished",
            metadata: [
                "added": "\(final.added)", "updated": "\(final.updated)", "moved": "\(final.moved)",
                "removed": "\(final.removed)", "failed": "\(final.failed)", "unchanged": "\(final.unchanged)",
                "seconds": "\(final.seconds ?? 0)",
            ])
        Self.returnFreedMemory()
        let next = state.withLock { state in
            defer { state.pending = nil }
            return state.pending
        }
        if let next { _ = start(full: false, request: next) }
        return final
    }

    /// Scans one source, whole (`scopes` nil) or only those parts; answers the albums and
    /// artists its changes touched.
    private func scan(_ provider: any LibraryScanning, full: Bool, scopes: [LibraryScope]?) async throws -> TouchedGroups {
        let source = provider.id
        update { $0.phase = .walking }
        // The walk (the file system) and the catalog's stamps (SQLite) at once, on two
        // threads: at 100,000 files each is about half of a rescan that finds no change.
        let catalog = self.catalog
        async let walked = Self.offPool { try scopes.map { try provider.listEntries(in: $0) } ?? provider.listEntries() }
        async let stampsRead = catalog.scanStamps(source: source, within: scopes)
        async let failuresRead = catalog.failureStamps(source: source, within: scopes)
        let listing: LibraryListing
        var stamps: [String: ScanStamp]
        var failures: [String: (size: Int64, modified: Int64)]
        do {
            (listing, stamps, failures) = try await (walked, stampsRead, failuresRead)
        } catch where scopes != nil {
            // A part that cannot be walked now (the library folder gone, a link that now
            // leads outside): the whole walk judges that, and reports it.
            return try await scan(provider, full: full, scopes: nil)
        }
        if scopes != nil, listing.entries.isEmpty, !stamps.isEmpty {
            // Every file of the parts is gone: a deleted album, or an unmounted disk. Only the
            // whole walk can tell the two apart (see `libraryLooksUnmounted`).
            return try await scan(provider, full: full, scopes: nil)
        }
        let catalogued = stamps.count
        update { progress in
            progress.filesTotal += listing.entries.count
            for problem in listing.problems { progress.note(problem) }
        }

        // Sort every file into: unchanged, to read (with its id when known), or known-broken.
        // Each file found is taken out of `stamps` and `failures`: what is left in them is gone.
        var toRead: [(entry: LibraryEntry, id: String?)] = []
        var quickWrites: [ScanWrite] = []
        var unchanged = 0
        var knownBroken = 0
        for entry in listing.entries {
            let failed = failures.isEmpty ? nil : failures.removeValue(forKey: entry.path)
            if let stamp = stamps.removeValue(forKey: entry.path) {
                if !full, stamp.size == entry.size, stamp.modifiedNanoseconds == entry.modifiedNanoseconds {
                    if stamp.unplayable { knownBroken += 1 } else { unchanged += 1 }
                    if stamp.folderImage != entry.folderImage { quickWrites.append(.folderImage(id: stamp.id, entry.folderImage)) }
                } else {
                    toRead.append((entry, stamp.id))
                }
            } else if !full, let failed, failed.size == entry.size, failed.modified == entry.modifiedNanoseconds {
                knownBroken += 1
            } else {
                toRead.append((entry, nil))
            }
        }
        var touched = try await catalog.applyScanWrites(quickWrites, source: source)
        update {
            $0.unchanged += unchanged
            $0.failed += knownBroken
            $0.filesDone += unchanged + knownBroken
            $0.phase = .reading
        }

        // Files that are gone, unless they turn up again at a new path.
        var missing = Set(stamps.values.map(\.id))
        let goneFailures = Array(failures.keys)
        stamps = [:]
        let libraryLooksUnmounted = listing.entries.isEmpty && catalogued > 0
        var movable: [MoveKey: [String]] =
            missing.isEmpty || !toRead.contains(where: { $0.id == nil }) ? [:] : try await catalog.moveKeys(ids: Array(missing))

        var pendingWrite: Task<TouchedGroups, any Error>?
        let clock = ContinuousClock()
        var readTime = Duration.zero
        var writeWait = Duration.zero
        for batch in toRead.chunked(into: batchSize) {
            let entries = batch.map(\.entry)
            let readStart = clock.now
            let results = await ParallelReader.read(entries, with: provider)
            readTime += clock.now - readStart
            var writes: [ScanWrite] = []
            var counts = (added: 0, updated: 0, moved: 0, failed: 0)
            var problems: [String] = []
            for (item, result) in zip(batch, results) {
                switch result {
                case .success(let metadata):
                    if let id = item.id {
                        writes.append(.update(id: id, metadata, item.entry))
                        counts.updated += 1
                    } else if let id = movable[MoveKey(metadata, entry: item.entry)]?.popLast() {
                        missing.remove(id)
                        writes.append(.update(id: id, metadata, item.entry))
                        counts.moved += 1
                    } else {
                        writes.append(.insert(metadata, item.entry))
                        counts.added += 1
                    }
                case .failure(let error):
                    // A catalogued track keeps its row (playlists and likes hold its id)
                    // but is no longer streamed; a new file is only remembered as failed.
                    if let id = item.id {
                        writes.append(.unplayable(id: id, item.entry, reason: "\(error)"))
                    } else {
                        writes.append(.failure(item.entry, reason: "\(error)"))
                    }
                    counts.failed += 1
                    problems.append("\(error)")
                    logger.warning("cannot read library file", metadata: ["path": "\(item.entry.path)", "error": "\(error)"])
                }
            }
            let waitStart = clock.now
            if let written = try await pendingWrite?.value { touched.formUnion(written) }
            writeWait += clock.now - waitStart
            let catalog = self.catalog
            let finishedWrites = writes
            pendingWrite = Task { try await catalog.applyScanWrites(finishedWrites, source: source) }
            update { progress in
                progress.added += counts.added
                progress.updated += counts.updated
                progress.moved += counts.moved
                progress.failed += counts.failed
                progress.filesDone += batch.count
                for problem in problems { progress.note(problem) }
            }
        }
        let lastWait = clock.now
        if let written = try await pendingWrite?.value { touched.formUnion(written) }
        writeWait += clock.now - lastWait
        logger.debug("scan timings", metadata: ["source": "\(source)", "read": "\(readTime)", "waiting for writes": "\(writeWait)"])

        update { $0.phase = .removing }
        if libraryLooksUnmounted {
            // An empty folder where there was music is far more likely an unmounted disk
            // than a deleted library: keep the catalog (and everyone's playlists) intact.
            let message = "the library folder of \(source) is empty: kept its \(catalogued) catalogued tracks (is the disk mounted?). Check the mount, or put the music back"
            logger.warning("\(message)")
            update { $0.note(message) }
        } else {
            touched.formUnion(try await catalog.removeTracks(ids: Array(missing), source: source, clearingFailuresAt: goneFailures))
            update { $0.removed += missing.count }
        }
        return touched
    }

    /// A scan allocates a lot for a short while; give the freed pages back to the system.
    private static func returnFreedMemory() {
        ms_release_free_memory()
    }

    private func update(_ change: (inout ScanProgress) -> Void) {
        state.withLock { change(&$0.progress) }
    }

    /// Runs blocking file-system work on a Dispatch thread.
    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
