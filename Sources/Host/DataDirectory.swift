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
    /// The key that seals the app passwords and API keys of phone and desktop apps.
    public var appCredentialKeyFile: URL { database.appendingPathComponent("subsonic-key") }

    /// Creates the missing folders and checks that `cache/` and `db/` are writable.
    /// `library/` only needs to be readable (it may be a read-only mount). `db/` holds
    /// emails, password hashes and the secrets of `SecretFile`, so it is made private to the
    /// server's user (0700), also when an older version created it open to all.
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
        try Self.makePrivate(database.path, mode: 0o700)
    }

    /// Sets `mode` on a file or folder of ours unless it already has no more than that.
    /// Fails only when the path belongs to another user, with what to do.
    static func makePrivate(_ path: String, mode: mode_t) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        guard info.st_mode & 0o777 & ~mode != 0 else { return }
        guard chmod(path, mode) == 0 else {
            throw HostError.unavailable(
                "cannot make \(path) private (mode \(String(mode, radix: 8))): \(String(cString: strerror(errno))); "
                    + "it must belong to the user the server runs as (uid \(getuid()))")
        }
    }
}
