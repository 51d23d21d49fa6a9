import Dispatch
import Foundation
@testable import Host
import Synchronization
import TestSupport
import Testing

/// The secrets kept in `db/` (the signing secret, the key of app passwords): made once,
/// private from their first byte, the same for everyone who asks at once.
@Suite("Secret files in the db folder")
struct SecretFileTests {
    static func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test("made once with mode 0600; loads at the same moment all get the one secret that is on disk")
    func madeOnce() async throws {
        let folder = try TemporaryFolder("secret-file")
        let file = folder.url.appendingPathComponent("key")
        // Threads of their own, released together, so the loads really overlap (each
        // writes and syncs a file: milliseconds in which the others find none yet).
        let results = Mutex<[[UInt8]]>([])
        let start = DispatchSemaphore(value: 0)
        let finished = DispatchGroup()
        for _ in 0..<16 {
            finished.enter()
            Thread {
                start.wait()
                if let secret = try? SecretFile.load(file, minimumBytes: 32, generatedBytes: 32) {
                    results.withLock { $0.append(secret) }
                }
                finished.leave()
            }.start()
        }
        for _ in 0..<16 { start.signal() }
        await withCheckedContinuation { continuation in finished.notify(queue: .global()) { continuation.resume() } }
        let loaded = results.withLock { $0 }
        #expect(loaded.count == 16)
        let onDisk = Array(try Data(contentsOf: file))
        #expect(onDisk.count == 32)
        #expect(loaded.allSatisfy { $0 == onDisk }, "every caller got the secret on disk")
        #expect(try Self.mode(file) == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0 != "key" }
        #expect(leftovers.isEmpty, "no temporary file is left: \(leftovers)")
        #expect(try SecretFile.load(file, minimumBytes: 32, generatedBytes: 32) == onDisk, "and kept")
    }

    @Test("a file too short to be a secret is replaced; an existing one open to others is narrowed to 0600")
    func repaired() throws {
        let folder = try TemporaryFolder("secret-file-repair")
        let file = folder.url.appendingPathComponent("key")
        try Data("short".utf8).write(to: file)
        let made = try SecretFile.load(file, minimumBytes: 32, generatedBytes: 32)
        let rewritten = Array(try Data(contentsOf: file))
        #expect(made.count == 32 && rewritten == made)
        #expect(chmod(file.path, 0o644) == 0)
        #expect(try SecretFile.load(file, minimumBytes: 32, generatedBytes: 32) == made)
        #expect(try Self.mode(file) == 0o600)
    }
}
