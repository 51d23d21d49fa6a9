import Foundation
import SourceAPI

/// The music folder on this machine: MP3, FLAC, M4A, Ogg and WAV files read with TagLib.
///
/// Options in `plugins.json`:
/// - `path`: the library folder (default `<data>/library`);
/// - `watch`: follow changes with inotify (default `true`);
/// - `debounce_ms`: quiet time before a burst of changes triggers a rescan (default 1500);
/// - `rescan_interval_minutes`: safety rescan period, 0 for none (default 60);
/// - `allowed_roots`: folders outside `path` that symbolic links in the library may lead
///   to (default none: a link is followed only when it stays inside the library folder).
public struct LocalFilesProvider: LibraryWatching, ArtworkProviding, LyricsProviding {
    /// The `type` this provider has in `plugins.json`.
    public static let typeName = "LocalFiles"

    public let id: ProviderID
    public let displayName = "your library"
    public let capabilities: ProviderCapabilities = [.search, .library]
    /// The library folder, resolved to an absolute path.
    public let root: URL
    public let safetyRescanInterval: Duration?
    let watchEnabled: Bool
    let debounce: Duration
    let roots: LibraryRoots
    private let index: any LibraryIndex

    public init(id: ProviderID, options: ProviderOptions, context: ProviderContext) throws {
        var options = options
        let path = try options.optionalString("path")
        watchEnabled = try options.bool("watch", default: true)
        debounce = .milliseconds(try options.int("debounce_ms", default: 1500, in: 50...60_000))
        let minutes = try options.int("rescan_interval_minutes", default: 60, in: 0...10_080)
        let allowed = try options.stringList("allowed_roots")
        for folder in allowed where !folder.hasPrefix("/") {
            throw ProviderOptionError(key: "allowed_roots", problem: "\(folder) is not an absolute path: write it from /")
        }
        try options.rejectUnknownKeys()

        self.id = id
        self.index = context.index
        safetyRescanInterval = minutes == 0 ? nil : .seconds(minutes * 60)
        // A relative "path" is taken from the working directory, like `--data`.
        root = path.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? context.libraryDirectory
        roots = LibraryRoots(library: root.path, allowed: allowed.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
    }

    public func search(_ query: SearchQuery) async throws -> [TrackCandidate] {
        try await index.search(query, in: id)
    }

    public func resolve(_ ref: RemoteRef) async throws -> TrackMetadata {
        let path = try absolutePath(of: ref)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
        let entry = LibraryEntry(path: ref.id, size: size, modifiedNanoseconds: 0, folderImage: nil)
        do {
            return try readMetadata(of: entry, absolutePath: path)
        } catch let error as LocalFileError {
            throw ProviderError.unavailable(error.description)
        }
    }

    /// The file, opened and checked through its descriptor: a regular file whose real path
    /// lies inside the roots (see `LibraryRoots`), whatever the link it was reached by
    /// points to now.
    public func fetch(_ ref: RemoteRef) async throws -> AudioSource {
        let path = try absolutePath(of: ref)
        let file: OpenedFile
        do {
            file = try OpenedFile(path: path)
        } catch .notRegularFile {
            throw ProviderError.notPlayable(ref, reason: LocalFileError.notRegularFile(path: ref.id).description)
        } catch {
            throw ProviderError.notFound(ref)
        }
        guard roots.contains(realPath: file.realPath) else {
            throw ProviderError.notPlayable(
                ref, reason: LocalFileError.outsideLibrary(path: ref.id, target: file.realPath).description)
        }
        return .opened(file, contentType: AudioFormat.contentType(of: path))
    }

    /// The embedded picture, else the folder's image; a picture that is not JPEG, PNG, GIF
    /// or WebP by its bytes (an SVG declared `image/svg+xml`, HTML, anything else) counts as
    /// absent, so the folder's image is tried next. Files outside the roots are not read.
    public func artwork(for ref: RemoteRef) async throws -> Artwork? {
        let path = try absolutePath(of: ref)
        if (try? checkedOpen(path, displayPath: ref.id)) != nil, let embedded = TagLibTags.embeddedCover(path: path) {
            return embedded
        }
        let folder = (path as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let best = names.compactMap { name in FolderImage.rank(of: name).map { (rank: $0, name: name) } }
            .min { $0.rank < $1.rank }
        guard let best, let image = try? checkedOpen(folder + "/" + best.name, displayPath: best.name),
              image.size <= Artwork.maximumBytes
        else { return nil }
        return Artwork(sniffing: image.read(at: 0, count: Int(image.size)))
    }

    /// The sidecar `.lrc` file's lyrics, then those embedded in the file, synced ones first.
    /// A file outside the roots has none (it is not read).
    public func lyrics(for ref: RemoteRef) async throws -> [Lyrics] {
        let path = try absolutePath(of: ref)
        guard (try? checkedOpen(path, displayPath: ref.id)) != nil else { return [] }
        let found = [SidecarLyrics.read(for: path, roots: roots)].compactMap { $0 } + EmbeddedLyrics.read(path: path)
        return found.filter(\.isSynced) + found.filter { !$0.isSynced }
    }

    public func healthProblem() async -> String? { folderProblem() }

    // MARK: LibraryScanning

    public func listEntries() throws -> LibraryListing {
        if let problem = folderProblem() { throw ProviderError.unavailable(problem) }
        return LibraryWalker(root: root.path, roots: roots).walk()
    }

    public func listEntries(in scopes: [LibraryScope]) throws -> LibraryListing {
        if let problem = folderProblem() { throw ProviderError.unavailable(problem) }
        return LibraryWalker(root: root.path, roots: roots).walk(scopes)
    }

    public func readMetadata(of entry: LibraryEntry) throws -> TrackMetadata {
        try readMetadata(of: entry, absolutePath: root.path + "/" + entry.path)
    }

    public func changes() -> AsyncStream<LibraryChange> {
        #if canImport(Glibc)
        guard watchEnabled else { return AsyncStream { $0.finish() } }
        return InotifyWatcher(root: root.path, debounce: debounce).changes()
        #else
        return AsyncStream { $0.finish() }
        #endif
    }

    // MARK: Helpers

    private func readMetadata(of entry: LibraryEntry, absolutePath: String) throws -> TrackMetadata {
        // Judged here, not only in the walk: the link may have changed since.
        _ = try checkedOpen(absolutePath, displayPath: entry.path)
        if entry.size == 0 { throw LocalFileError.empty(path: entry.path) }
        let tags = try TagLibTags.read(path: absolutePath, displayPath: entry.path)
        // The folder layout is only parsed when a tag is missing.
        let complete = tags.title != nil && (tags.artist ?? tags.albumArtist) != nil && tags.album != nil && tags.trackNumber != nil
        let layout = complete ? nil : FolderLayout(relativePath: entry.path)
        return TrackMetadata(
            title: tags.title ?? layout?.title ?? entry.path,
            artist: tags.artist ?? tags.albumArtist ?? layout?.artist,
            album: tags.album ?? layout?.album,
            albumArtist: tags.albumArtist,
            genre: tags.genre, year: tags.year,
            trackNumber: tags.trackNumber ?? layout?.trackNumber, discNumber: tags.discNumber,
            duration: tags.duration, bitrate: tags.bitrate,
            format: AudioFormat.name(of: entry.path),
            hasEmbeddedCover: tags.hasEmbeddedCover, coverPath: entry.folderImage)
    }

    /// `path` opened (without blocking on a FIFO), when it is a regular file whose real path
    /// lies inside the roots.
    private func checkedOpen(_ path: String, displayPath: String) throws(LocalFileError) -> OpenedFile {
        let file: OpenedFile
        do {
            file = try OpenedFile(path: path)
        } catch .notRegularFile {
            throw .notRegularFile(path: displayPath)
        } catch {
            throw .notAudio(path: displayPath)
        }
        guard roots.contains(realPath: file.realPath) else {
            throw .outsideLibrary(path: displayPath, target: file.realPath)
        }
        return file
    }

    /// The file a reference names, refusing anything that could leave the library folder.
    private func absolutePath(of ref: RemoteRef) throws -> String {
        guard ref.provider == id else {
            throw ProviderError.invalidReference(ref, reason: "it belongs to source \(ref.provider)")
        }
        let parts = ref.id.split(separator: "/", omittingEmptySubsequences: false)
        guard !ref.id.isEmpty, !ref.id.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }),
              !ref.id.contains("\0")
        else {
            throw ProviderError.invalidReference(ref, reason: "a library path must be relative and stay inside the library")
        }
        guard AudioFormat.isAudio(ref.id) else {
            throw ProviderError.invalidReference(ref, reason: "not an audio file type this source serves")
        }
        let path = root.path + "/" + ref.id
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ProviderError.notFound(ref)
        }
        return path
    }

    private func folderProblem() -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            return "library folder \(root.path) does not exist: create it or set \"path\" in plugins.json"
        }
        guard FileManager.default.isReadableFile(atPath: root.path) else {
            return "library folder \(root.path) is not readable by this user: fix its permissions"
        }
        return nil
    }
}
