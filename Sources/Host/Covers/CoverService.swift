import Foundation
import Logging
import SourceAPI

/// Cover art for tracks and albums, original or as a square-bounded JPEG thumbnail.
///
/// Thumbnails are made once with ffmpeg (there is no image library among the packages in
/// use) and kept under `cache/covers/`, named after the track and its last change.
public struct CoverService: Sendable {
    let catalog: Catalog
    let providers: [ProviderID: any SourceProvider]
    let thumbnailFolder: URL
    let logger: Logger

    public static let sizeRange = 16...1200

    /// The cover of a track or an album (by id), scaled to fit `size` pixels when given.
    public func cover(id: String, size: Int?) async throws -> CoverImage {
        if let size, !Self.sizeRange.contains(size) {
            throw HostError.invalidInput("size must be between \(Self.sizeRange.lowerBound) and \(Self.sizeRange.upperBound) pixels")
        }
        let track = try await coverTrack(for: id)
        guard let provider = providers[track.ref.provider] as? any ArtworkProviding,
              let artwork = try await provider.artwork(for: track.ref)
        else { throw HostError.notFound(kind: "cover", id: id) }
        let version = "\(track.id)-\(Int(track.updatedAt.timeIntervalSince1970))"
        guard let size else {
            return CoverImage(bytes: artwork.bytes, contentType: artwork.contentType, entityTag: "\"\(version)\"")
        }
        let thumbnail = thumbnailFolder.appendingPathComponent("\(version)-\(size).jpg")
        if let cached = FileManager.default.contents(atPath: thumbnail.path) {
            return CoverImage(bytes: [UInt8](cached), contentType: "image/jpeg", entityTag: "\"\(version)-\(size)\"")
        }
        guard let scaled = await Thumbnailer.scale(artwork.bytes, toFit: size) else {
            logger.notice("cannot make a thumbnail; serving the original", metadata: ["cover": "\(id)"])
            return CoverImage(bytes: artwork.bytes, contentType: artwork.contentType, entityTag: "\"\(version)\"")
        }
        try? FileManager.default.createDirectory(at: thumbnailFolder, withIntermediateDirectories: true)
        let partial = thumbnail.appendingPathExtension("part")
        if FileManager.default.createFile(atPath: partial.path, contents: Data(scaled)) {
            _ = try? FileManager.default.replaceItemAt(thumbnail, withItemAt: partial)
        }
        return CoverImage(bytes: scaled, contentType: "image/jpeg", entityTag: "\"\(version)-\(size)\"")
    }

    private func coverTrack(for id: String) async throws -> Track {
        if let track = try? await catalog.track(id: id) { return track }
        guard let (album, _) = try? await catalog.album(id: id), let trackID = album.coverTrackID else {
            throw HostError.notFound(kind: "cover", id: id)
        }
        return try await catalog.track(id: trackID)
    }
}

/// An image ready to send.
public struct CoverImage: Sendable {
    public var bytes: [UInt8]
    public var contentType: String
    public var entityTag: String
}
