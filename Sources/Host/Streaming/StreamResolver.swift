import Foundation
import SourceAPI

/// Finds the bytes behind a track id: a library file, a cached download, or a download
/// started (or joined) now.
public struct StreamResolver: Sendable {
    let catalog: Catalog
    let providers: [ProviderID: any SourceProvider]
    let cache: StreamCache

    public func open(trackID: String) async throws -> PlayableAudio {
        let track = try await catalog.track(id: trackID)
        guard let provider = providers[track.ref.provider] else {
            throw HostError.unavailable(
                "track \(trackID) comes from source \(track.sourceType), which is disabled: enable it in plugins.json")
        }
        if provider.capabilities.contains(.remote) {
            if track.isCached, let localPath = track.localPath {
                let url = cache.root.appendingPathComponent(localPath)
                let type = AudioContentType.type(ofExtension: url.pathExtension)
                if let file = try? PlayableFile.describe(url: url, contentType: type, trackID: trackID) { return .file(file) }
                // Marked cached but gone (deleted by hand): forget it and download again.
                try await catalog.markUncached(trackID: trackID)
            }
            return .growing(GrowingAudio(download: cache.download(for: track)))
        }
        let source: AudioSource
        do {
            source = try await provider.fetch(track.ref)
        } catch ProviderError.notFound {
            throw HostError.notFound(kind: "file for track", id: trackID)
        }
        guard case .file(let url, let contentType) = source else {
            throw HostError.unavailable("source \(track.sourceType) streams but does not say it is remote")
        }
        return .file(try PlayableFile.describe(url: url, contentType: contentType, trackID: trackID))
    }

    /// The complete file of a track, for callers that cannot stream a growing one (waits for
    /// a download to finish).
    public func completeFile(trackID: String) async throws -> PlayableFile {
        switch try await open(trackID: trackID) {
        case .file(let file):
            return file
        case .growing(let growing):
            _ = try await growing.waitForCompletion()
            guard case .file(let file) = try await open(trackID: trackID) else {
                throw HostError.unavailable("track \(trackID) finished downloading but is not in the cache")
            }
            return file
        }
    }
}
