import Foundation

/// A secret the server makes once and keeps in the db folder (the signing secret of access
/// tokens, the key that seals app passwords): readable by the server's user only, never
/// seen half-written, and the same for two processes that start at once.
enum SecretFile {
    /// The bytes kept in `file` when it holds at least `minimumBytes`; else `generatedBytes`
    /// new random bytes, written there first.
    ///
    /// A new secret is written to a private temporary file, synced, then linked into place:
    /// a crash leaves no short file behind, and when another process (the server and a
    /// `myspotify user add` started together) got there first, its secret wins and is
    /// returned, so both seal and sign with the same one.
    static func load(_ file: URL, minimumBytes: Int, generatedBytes: Int) throws -> [UInt8] {
        if let existing = read(file, minimumBytes: minimumBytes) {
            try DataDirectory.makePrivate(file.path, mode: 0o600)
            return existing
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<max(generatedBytes, minimumBytes)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8))")
        try writeNew(bytes, to: temporary)
        defer { unlink(temporary.path) }
        if link(temporary.path, file.path) == 0 { return bytes }
        let linkError = errno
        if linkError == EEXIST, let winner = read(file, minimumBytes: minimumBytes) { return winner }
        // A short (damaged) file is replaced; a file system without hard links gets the
        // plain atomic rename.
        guard linkError == EEXIST || linkError == EPERM || linkError == ENOTSUP || linkError == EXDEV,
              rename(temporary.path, file.path) == 0
        else {
            throw HostError.unavailable(
                "cannot create \(file.path): \(String(cString: strerror(linkError))); check that the db folder is writable")
        }
        return bytes
    }

    private static func read(_ file: URL, minimumBytes: Int) -> [UInt8]? {
        guard let data = try? Data(contentsOf: file), data.count >= minimumBytes else { return nil }
        return Array(data)
    }

    /// Created with 0600 from the start: never a moment when others could read it.
    private static func writeNew(_ bytes: [UInt8], to file: URL) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw HostError.unavailable(
                "cannot create \(file.path): \(String(cString: strerror(errno))); check that the db folder is writable")
        }
        defer { close(descriptor) }
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            throw HostError.unavailable("cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
    }
}
