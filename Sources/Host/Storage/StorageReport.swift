import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The data disk in bytes, for `GET /system/storage` and the admin page.
public struct StorageReport: Sendable, Codable, Equatable {
    public var totalBytes: Int64
    public var usedBytes: Int64
    public var availableBytes: Int64
    /// Catalogued library files.
    public var libraryBytes: Int64
    /// Everything under `cache/`.
    public var cacheBytes: Int64
    /// Everything under `db/` (catalog, its WAL, secrets).
    public var dbBytes: Int64

    enum CodingKeys: String, CodingKey {
        case totalBytes = "total_bytes", usedBytes = "used_bytes", availableBytes = "available_bytes"
        case libraryBytes = "library_bytes", cacheBytes = "cache_bytes", dbBytes = "db_bytes"
    }

    static func measure(data: DataDirectory, libraryBytes: Int64) throws -> StorageReport {
        var info = statvfs()
        guard statvfs(data.root.path, &info) == 0 else {
            throw HostError.unavailable("cannot read the size of the disk holding \(data.root.path): \(String(cString: strerror(errno)))")
        }
        let blockSize = Int64(info.f_frsize)
        let total = Int64(info.f_blocks) * blockSize
        let available = Int64(info.f_bavail) * blockSize
        let free = Int64(info.f_bfree) * blockSize
        return StorageReport(
            totalBytes: total, usedBytes: total - free, availableBytes: available, libraryBytes: libraryBytes,
            cacheBytes: folderSize(data.cache), dbBytes: folderSize(data.database))
    }

    /// Sum of the regular files below `folder` (allocated size is what fills a disk, but the
    /// apparent size is what users compare with their files, so this reports that).
    static func folderSize(_ folder: URL) -> Int64 {
        guard let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey], options: [])
        else { return 0 }
        var total: Int64 = 0
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]),
                  values.isRegularFile == true
            else { continue }
            total += Int64(values.fileSize ?? 0)
        }
        return total
    }
}
