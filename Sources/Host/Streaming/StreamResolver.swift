import Foundation
import Logging
import SourceAPI

/// Finds the bytes behind a track id: a library file, a cached download, or a download
/// started (or joined) now.
public struct StreamResolver: Sendable {
    let catalog: Catalog
    let providers: [ProviderID: any SourceProvider]
    let cache: StreamCache
    let logger: Logger

    public func open(trackID: String) async throws -> PlayableAudio {
        try await open(try await catalog.track(id: trackID))
    }

    /// The bytes behind a track the caller has just read from the catalog (one read a
    /// stream, not two).
    func open(_ track: Track) async throws -> PlayableAudio {
        let trackID = track.id
        guard let provider = providers[track.ref.provider] else {
            throw HostError.unavailable(
                "track \(trackID) comes from source \(track.sourceType), which is disabled: enable it in plugins.json")
        }
        if provider.capabilities.contains(.remote) {
            if track.isCached, let localPath = track.localPath {
                let url = cache.root.appendingPathComponent(localPath)
                let type = AudioContentType.type(ofExtension: url.pathExtension)
                if let file = try? PlayableFile.open(url: url, contentType: type, trackID: trackID) { return .file(file) }
                // Marked cached but gone (deleted by hand): forget it and download again.
                try await catalog.markUncached(trackID: trackID)
            }
            return .growing(GrowingAudio(download: cache.download(for: track)))
        }
        return .file(try await openLibraryFile(of: track, from: provider))
    }

    /// A library track's file, as its provider opened and checked it.
    ///
    /// Refused (410) when the last scan found the file unreadable, when the provider will
    /// not serve it now (a link that leads out of the library, a device), or when it changed
    /// since the scan and its first bytes are not audio any more. The type served is the
    /// catalog's format, never what the file looks like now.
    private func openLibraryFile(of track: Track, from provider: any SourceProvider) async throws -> PlayableFile {
        if let reason = track.unplayableReason {
            logger.notice("refused to stream an unplayable track", metadata: ["track": "\(track.id)", "reason": "\(reason)"])
            throw Self.gone(track)
        }
        let source: AudioSource
        do {
            source = try await provider.fetch(track.ref)
        } catch ProviderError.notFound {
            throw HostError.notFound(kind: "file for track", id: track.id)
        } catch ProviderError.notPlayable(_, let reason) {
            logger.warning("refused to stream a library file", metadata: ["track": "\(track.id)", "reason": "\(reason)"])
            throw Self.gone(track)
        } catch {
            throw HostError.from(error, provider: provider, action: .download)
        }
        let file: OpenedFile
        let declaredType: String
        switch source {
        case .opened(let opened, let contentType):
            (file, declaredType) = (opened, contentType)
        case .file(let url, let contentType):
            guard let opened = try? OpenedFile(path: url.path) else {
                throw HostError.notFound(kind: "file for track", id: track.id)
            }
            (file, declaredType) = (opened, contentType)
        case .stream:
            throw HostError.unavailable("source \(track.sourceType) streams but does not say it is remote")
        }
        if file.size != track.fileSize || file.modifiedNanoseconds != track.fileMtimeNs,
           AudioContentType.sniff(file.read(at: 0, count: 16)) == nil {
            logger.warning(
                "refused to stream a library file that changed since the scan and is not audio any more",
                metadata: ["track": "\(track.id)", "path": "\(track.remoteID)"])
            throw Self.gone(track)
        }
        return PlayableFile(file: file, contentType: Self.contentType(of: track) ?? declaredType)
    }

    /// The type of the catalog's format (what the scan read), when it is a known one.
    private static func contentType(of track: Track) -> String? {
        guard let format = track.format else { return nil }
        let type = AudioContentType.type(ofFormat: format)
        return type == AudioContentType.unknown ? nil : type
    }

    private static func gone(_ track: Track) -> HostError {
        .gone("track \(track.id) cannot be played: its file is no longer readable audio. An admin can see why in the scan report")
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
