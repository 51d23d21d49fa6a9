import Foundation
import SourceAPI

/// A file on this disk ready to be served with Range: the server streams it in chunks.
public struct PlayableFile: Sendable {
    public var path: String
    public var contentType: String
    public var size: Int64
    public var modified: Date
    /// Changes whenever the bytes may have changed (size and mtime), for ETag and If-Range.
    public var entityTag: String
}

/// Finds the bytes behind a track id.
public struct StreamResolver: Sendable {
    let catalog: Catalog
    let providers: [ProviderID: any SourceProvider]

    public func playableFile(trackID: String) async throws -> PlayableFile {
        let track = try await catalog.track(id: trackID)
        guard let provider = providers[track.ref.provider] else {
            throw HostError.unavailable(
                "track \(trackID) comes from source \(track.sourceType), which is disabled: enable it in plugins.json")
        }
        let source: AudioSource
        do {
            source = try await provider.fetch(track.ref)
        } catch ProviderError.notFound {
            throw HostError.notFound(kind: "file for track", id: trackID)
        }
        switch source {
        case .file(let url, let contentType):
            return try Self.describe(url: url, contentType: contentType, trackID: trackID)
        case .stream:
            // Remote sources play through the shared cache, which hands back a file too.
            throw HostError.unavailable("track \(trackID) must be downloaded into the cache before it can play")
        }
    }

    static func describe(url: URL, contentType: String, trackID: String) throws -> PlayableFile {
        var info = stat()
        guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw HostError.notFound(kind: "file for track", id: trackID)
        }
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let size = Int64(info.st_size)
        return PlayableFile(
            path: url.path, contentType: contentType, size: size,
            modified: Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)),
            entityTag: "\"\(String(size, radix: 16))-\(String(nanoseconds, radix: 16))\"")
    }
}
