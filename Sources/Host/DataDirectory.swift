import Foundation

/// The installation's data folder and its three parts: `library/` (the music), `cache/`
/// (downloaded remote tracks and thumbnails) and `db/` (the catalog).
public struct DataDirectory: Sendable {
    public let root: URL

    public init(_ root: URL) {
        self.root = root.standardizedFileURL
    }

    public var library: URL { root.appendingPathComponent("library", isDirectory: true) }
    public var cache: URL { root.appendingPathComponent("cache", isDirectory: true) }
    public var database: URL { root.appendingPathComponent("db", isDirectory: true) }
    public var catalogFile: URL { database.appendingPathComponent("myspotify.sqlite") }
    /// The generated signing secret of access tokens (when MYSPOTIFY_JWT_SECRET is unset).
    public var jwtSecretFile: URL { database.appendingPathComponent("jwt-secret") }

    /// Creates the missing folders and checks that `cache/` and `db/` are writable.
    /// `library/` only needs to be readable (it may be a read-only mount).
    public func prepare() throws {
        let manager = FileManager.default
        for folder in [root, library, cache, database] {
            var isFolder: ObjCBool = false
            if manager.fileExists(atPath: folder.path, isDirectory: &isFolder) {
                guard isFolder.boolValue else {
                    throw HostError.unavailable("\(folder.path) exists but is not a folder: move it away or choose another --data folder")
                }
                continue
            }
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw HostError.unavailable(
                    "cannot create \(folder.path): \(error.localizedDescription). Create it yourself or choose a writable --data folder")
            }
        }
        for folder in [cache, database] where !manager.isWritableFile(atPath: folder.path) {
            throw HostError.unavailable(
                "\(folder.path) is not writable by this user (uid \(getuid())): fix its owner or permissions, or choose another --data folder")
        }
    }
}
