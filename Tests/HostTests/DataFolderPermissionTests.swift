import Foundation
import Host
import TestSupport
import Testing

/// `db/` holds emails, password hashes and the token signing secret: only the server's
/// user may read it, whatever the umask, and also after an upgrade from a version that
/// created it open to all.
@Suite("The db folder and the catalog files are private to the server's user")
struct DataFolderPermissionTests {
    static func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    static func catalogFiles(_ data: DataDirectory) -> [URL] {
        ["", "-wal", "-shm"].map { URL(fileURLWithPath: data.catalogFile.path + $0) }
    }

    @Test("a new data folder: db/ is 0700, the catalog and its WAL files 0600")
    func fresh() async throws {
        let test = try TestHost(label: "permissions-new")
        // A write, so the WAL and shared-memory files certainly exist.
        _ = await test.scan()
        #expect(try Self.mode(test.data.database) == 0o700)
        for file in Self.catalogFiles(test.data) {
            #expect(FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent)")
            #expect(try Self.mode(file) == 0o600, "\(file.lastPathComponent)")
        }
    }

    @Test("an existing data folder with open modes is made private at the next start")
    func tightened() async throws {
        let folder = try TemporaryFolder("permissions-old")
        do {
            let first = try TestHost(folder: folder)
            _ = await first.scan()
        }
        let data = DataDirectory(folder.url)
        #expect(chmod(data.database.path, 0o755) == 0)
        for file in Self.catalogFiles(data) where FileManager.default.fileExists(atPath: file.path) {
            #expect(chmod(file.path, 0o644) == 0)
        }
        let second = try TestHost(folder: folder)
        #expect(try Self.mode(second.data.database) == 0o700)
        for file in Self.catalogFiles(second.data) where FileManager.default.fileExists(atPath: file.path) {
            #expect(try Self.mode(file) == 0o600, "\(file.lastPathComponent)")
        }
    }
}
