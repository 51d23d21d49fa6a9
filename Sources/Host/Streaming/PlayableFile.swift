import Foundation
import SourceAPI

/// A complete file on this disk, opened, served with Range like any static file.
///
/// It carries its open descriptor: the bytes sent are those of the file that was checked
/// when it was opened, even if a link or a name changes while they are sent.
public struct PlayableFile: Sendable {
    /// Where the file was (its real path), for logs.
    public var path: String
    public var contentType: String
    public var size: Int64
    public var modified: Date
    /// Changes whenever the bytes may have changed (size and mtime), for ETag and If-Range.
    public var entityTag: String
    /// The open file the body is read from.
    public let reader: FileDescriptorReader

    init(file: OpenedFile, contentType: String) {
        path = file.realPath
        self.contentType = contentType
        size = file.size
        modified = Date(timeIntervalSince1970: TimeInterval(file.modifiedNanoseconds / 1_000_000_000))
        entityTag = "\"\(String(file.size, radix: 16))-\(String(file.modifiedNanoseconds, radix: 16))\""
        reader = FileDescriptorReader(file: file)
    }

    /// Opens a file of the cache (or any file the host itself names); only a regular file.
    static func open(url: URL, contentType: String, trackID: String) throws -> PlayableFile {
        guard let file = try? OpenedFile(path: url.path) else {
            throw HostError.notFound(kind: "file for track", id: trackID)
        }
        return PlayableFile(file: file, contentType: contentType)
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
