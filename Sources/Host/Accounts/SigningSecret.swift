import Foundation

/// The secret that signs access tokens: `MYSPOTIFY_JWT_SECRET` when set, else a random one
/// made at first start and kept in the db folder, readable by the server's user only, so
/// tokens survive restarts without anyone having to invent a secret.
enum SigningSecret {
    static let minimumBytes = 32

    static func load(configured: String?, file: URL) throws -> [UInt8] {
        if let configured, !configured.isEmpty {
            guard configured.utf8.count >= minimumBytes else {
                throw HostError.invalidInput(
                    "MYSPOTIFY_JWT_SECRET must be at least \(minimumBytes) bytes long; "
                        + "make one with `openssl rand -base64 48`, or unset it to let the server keep its own")
            }
            return Array(configured.utf8)
        }
        if let existing = try? Data(contentsOf: file), existing.count >= minimumBytes {
            return Array(existing)
        }
        var bytes = [UInt8](repeating: 0, count: 64)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        // Created with 0600 from the start: never a moment when others could read it.
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw HostError.unavailable("cannot create \(file.path): \(String(cString: strerror(errno))); check that the db folder is writable")
        }
        defer { close(descriptor) }
        guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
            throw HostError.unavailable("cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
        return bytes
    }
}
