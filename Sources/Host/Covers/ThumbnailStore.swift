import Foundation

/// Finished thumbnails on disk, `cache/covers/<track id>/<version>-<size>.jpg`.
///
/// A thumbnail is written to a part file of its own, fsynced and renamed into place
/// (`rename(2)` is atomic), so a reader sees a whole file or none, and a crash leaves only a
/// part file, which start-up removes with the downloads' (`StreamCache.removeLeftovers`
/// removes `*.part`, never a finished `.jpg`). Writing a new version of a track's cover
/// removes its older versions, so the folder does not grow with every rescan.
struct ThumbnailStore: Sendable {
    let folder: URL

    /// The largest thumbnail read back: 1200 pixels square at JPEG quality 4 is far below.
    static let maximumBytes = 8 * 1024 * 1024

    struct Key: Sendable {
        var trackID: String
        var version: String
        var size: Int

        /// Unique among every cover and size.
        var name: String { "\(version)-\(size)" }
    }

    func read(_ key: Key) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: url(of: key).path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.maximumBytes + 1), data.count <= Self.maximumBytes,
              !data.isEmpty
        else { return nil }
        return [UInt8](data)
    }

    func write(_ bytes: [UInt8], for key: Key) throws {
        let trackFolder = folder(of: key)
        try FileManager.default.createDirectory(at: trackFolder, withIntermediateDirectories: true)
        let final = url(of: key)
        let part = trackFolder.appendingPathComponent("\(key.name).\(UUID().uuidString).part")
        let descriptor = open(part.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ThumbnailStoreError(errno: errno, path: part.path) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress, raw.count)
            }
            if count <= 0 {
                let code = errno
                close(descriptor)
                unlink(part.path)
                throw ThumbnailStoreError(errno: code, path: part.path)
            }
            written += count
        }
        let synced = fsync(descriptor) == 0
        let syncError = errno
        close(descriptor)
        guard synced, rename(part.path, final.path) == 0 else {
            let code = synced ? errno : syncError
            unlink(part.path)
            throw ThumbnailStoreError(errno: code, path: final.path)
        }
        StreamCache.syncFolder(trackFolder.path)
        removeOlderVersions(than: key)
    }

    private func removeOlderVersions(than key: Key) {
        let trackFolder = folder(of: key)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: trackFolder.path)) ?? []
        for name in names where name.hasSuffix(".jpg") && !name.hasPrefix(key.version + "-") {
            unlink(trackFolder.appendingPathComponent(name).path)
        }
    }

    private func folder(of key: Key) -> URL {
        // Track ids are UUIDs; anything else is kept to one harmless path component.
        folder.appendingPathComponent(String(key.trackID.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }))
    }

    private func url(of key: Key) -> URL { folder(of: key).appendingPathComponent("\(key.name).jpg") }
}

struct ThumbnailStoreError: Error, CustomStringConvertible {
    var errno: Int32
    var path: String
    var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
}
