import Foundation
import Logging
import SourceAPI

/// Cover art for tracks and albums, original or as a square-bounded JPEG thumbnail.
///
/// A cover is served only as JPEG, PNG, GIF or WebP, by its bytes: a picture whose bytes are
/// anything else (an SVG declared `image/svg+xml`, HTML) counts as no cover. Thumbnails are
/// made once with ffmpeg (there is no image library among the packages in use), written
/// atomically under `cache/covers/<track>/`, and served from disk from then on. At most
/// `Settings.maximumThumbnailJobs` ffmpeg runs at once; one thumbnail asked by many clients
/// is made once.
public struct CoverService: Sendable {
    /// How covers are made; the defaults suit a Raspberry Pi.
    public struct Settings: Sendable {
        /// The ffmpeg command (a name looked up in `PATH`, or a path).
        public var ffmpeg = "ffmpeg"
        /// Thumbnails made at once; more would starve a small machine's cores.
        public var maximumThumbnailJobs = 2
        /// Thumbnails waiting for a turn; a request beyond is answered with the original.
        public var maximumWaitingThumbnails = 64
        /// An ffmpeg run longer than this is killed (the original is served instead).
        public var thumbnailTimeout: Duration = .seconds(10)
        public init() {}
    }

    let catalog: Catalog
    let providers: [ProviderID: any SourceProvider]
    let store: ThumbnailStore
    let thumbnailer: Thumbnailer
    let jobs: ThumbnailJobs
    let logger: Logger

    public static let sizeRange = 16...1200

    init(
        catalog: Catalog, providers: [ProviderID: any SourceProvider], thumbnailFolder: URL, settings: Settings,
        logger: Logger
    ) {
        self.catalog = catalog
        self.providers = providers
        self.logger = logger
        store = ThumbnailStore(folder: thumbnailFolder)
        thumbnailer = Thumbnailer(ffmpeg: settings.ffmpeg, timeout: settings.thumbnailTimeout)
        jobs = ThumbnailJobs(running: settings.maximumThumbnailJobs, waiting: settings.maximumWaitingThumbnails)
    }

    /// The cover a request names, from the catalog row alone (no file is read), with the
    /// entity tag it has: enough to answer `If-None-Match` with a 304 at no cost.
    public func locate(id: String, size: Int?) async throws -> CoverReference {
        if let size, !Self.sizeRange.contains(size) {
            throw HostError.invalidInput("size must be between \(Self.sizeRange.lowerBound) and \(Self.sizeRange.upperBound) pixels")
        }
        let track = try await coverTrack(for: id)
        guard track.hasEmbeddedCover || track.folderImage != nil, providers[track.ref.provider] is any ArtworkProviding else {
            throw HostError.notFound(kind: "cover", id: id)
        }
        return CoverReference(id: id, track: track, size: size)
    }

    /// The cover's bytes: the original, or the thumbnail (from disk once made).
    public func image(for reference: CoverReference) async throws -> CoverImage {
        guard let size = reference.size else { return try await original(reference) }
        let key = ThumbnailStore.Key(trackID: reference.track.id, version: reference.version, size: size)
        if let stored = store.read(key) {
            return CoverImage(bytes: stored, contentType: ImageFormat.jpeg.contentType, entityTag: reference.entityTag)
        }
        let made: [UInt8]?
        do {
            made = try await jobs.run(key: key.name) { await self.makeThumbnail(reference, key: key) }
        } catch is ThumbnailJobs.Full {
            logger.notice("thumbnail queue full; serving the original", metadata: ["cover": "\(reference.id)"])
            return try await fallback(reference)
        }
        guard let made else { return try await fallback(reference) }
        return CoverImage(bytes: made, contentType: ImageFormat.jpeg.contentType, entityTag: reference.entityTag)
    }

    /// The cover of a track or an album (by id), scaled to fit `size` pixels when given.
    public func cover(id: String, size: Int?) async throws -> CoverImage {
        try await image(for: locate(id: id, size: size))
    }

    // MARK: Pieces

    /// The original picture, its type read from its bytes (the provider's word is not taken).
    private func original(_ reference: CoverReference) async throws -> CoverImage {
        let (bytes, format) = try await artwork(reference)
        return CoverImage(bytes: bytes, contentType: format.contentType, entityTag: reference.originalEntityTag)
    }

    /// The original, for a thumbnail that cannot be had now; the client is told to ask again.
    private func fallback(_ reference: CoverReference) async throws -> CoverImage {
        var image = try await original(reference)
        image.isFallback = true
        return image
    }

    private func artwork(_ reference: CoverReference) async throws -> ([UInt8], ImageFormat) {
        let track = reference.track
        guard let source = providers[track.ref.provider], let provider = source as? any ArtworkProviding else {
            throw HostError.notFound(kind: "cover", id: reference.id)
        }
        let found: Artwork?
        do {
            found = try await provider.artwork(for: track.ref)
        } catch {
            throw HostError.from(error, provider: source, action: .download)
        }
        guard let artwork = found,
              artwork.bytes.count <= Artwork.maximumBytes,
              let format = ImageFormat(sniffing: artwork.bytes)
        else { throw HostError.notFound(kind: "cover", id: reference.id) }
        return (artwork.bytes, format)
    }

    /// Runs under a job slot: reads the picture, scales it, keeps the result on disk.
    private func makeThumbnail(_ reference: CoverReference, key: ThumbnailStore.Key) async -> [UInt8]? {
        // Made by a job that finished just before this one was queued.
        if let stored = store.read(key) { return stored }
        guard let (bytes, format) = try? await artwork(reference) else { return nil }
        guard let scaled = await thumbnailer.scale(bytes, format: format, toFit: key.size),
              ImageFormat(sniffing: scaled) == .jpeg
        else {
            logger.notice("cannot make a thumbnail; serving the original", metadata: ["cover": "\(reference.id)"])
            return nil
        }
        do {
            try store.write(scaled, for: key)
        } catch {
            logger.warning("cannot keep a thumbnail", metadata: ["cover": "\(reference.id)", "error": "\(error)"])
        }
        return scaled
    }

    private func coverTrack(for id: String) async throws -> Track {
        if let track = try? await catalog.track(id: id) { return track }
        guard let (album, _) = try? await catalog.album(id: id), let trackID = album.coverTrackID else {
            throw HostError.notFound(kind: "cover", id: id)
        }
        return try await catalog.track(id: trackID)
    }
}

/// A cover as the catalog describes it: which track's picture, at what size, and its tag.
public struct CoverReference: Sendable {
    let id: String
    let track: Track
    let size: Int?

    /// Changes whenever the track's row does (a rescan that read the file, a new folder image).
    var version: String { "\(track.id)-\(Int((track.updatedAt.timeIntervalSince1970 * 1000).rounded()))" }

    /// The entity tag of the answer asked for.
    public var entityTag: String { size.map { "\"\(version)-\($0)\"" } ?? originalEntityTag }

    var originalEntityTag: String { "\"\(version)\"" }
}

/// An image ready to send.
public struct CoverImage: Sendable {
    public var bytes: [UInt8]
    public var contentType: String
    public var entityTag: String
    /// The original sent in place of a thumbnail that could not be made now (queue full,
    /// ffmpeg failed): a client should not keep it as the thumbnail.
    public var isFallback = false
}
