import Foundation
import SourceAPI

/// A complete file on this disk, served with Range like any static file.
public struct PlayableFile: Sendable {
    public var path: String
    public var contentType: String
    public var size: Int64
    public var modified: Date
    /// Changes whenever the bytes may have changed (size and mtime), for ETag and If-Range.
    public var entityTag: String

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

/// A remote track still being downloaded: bytes arrive as the cache writes them.
public struct GrowingAudio: Sendable {
    let download: Download

    /// How long a reader waits for bytes that are not there yet.
    public static let waitLimit: Duration = .seconds(30)

    /// Waits for the first bytes (or the end). Throws the download's error if it failed
    /// before sending anything.
    public func waitForStart() async throws -> GrowingSnapshot {
        let snapshot = await download.waitForBytes(beyond: 0, timeout: Self.waitLimit)
        if let failure = snapshot.failure, snapshot.written == 0 { throw failure }
        if snapshot.written == 0, snapshot.completeSize == nil {
            let text = "the source sent nothing within \(Self.waitLimit); try again"
            throw HostError.sourceFailed(SourceFailure(source: download.source, summary: text, detail: text))
        }
        return snapshot
    }

    /// Waits until more than `offset` bytes exist or the download ends.
    public func waitForBytes(beyond offset: Int64) async -> GrowingSnapshot {
        await download.waitForBytes(beyond: offset, timeout: Self.waitLimit)
    }

    /// Waits for the whole download; throws its error if it fails.
    public func waitForCompletion() async throws -> GrowingSnapshot {
        var snapshot = try await waitForStart()
        while snapshot.completeSize == nil {
            if let failure = snapshot.failure { throw failure }
            snapshot = await waitForBytes(beyond: snapshot.written)
        }
        return snapshot
    }

    /// A reader of the bytes written so far (and those still to come).
    public func openReader() throws -> FileDescriptorReader { try download.openForReading() }
}

/// What a growing download has, at one moment.
public struct GrowingSnapshot: Sendable {
    public var written: Int64
    /// The final size, once the file is complete and in place.
    public var completeSize: Int64?
    public var failure: HostError?
    public var contentType: String
}

/// What `/stream/{id}` serves: a complete file, or a download in progress.
public enum PlayableAudio: Sendable {
    case file(PlayableFile)
    case growing(GrowingAudio)
}
