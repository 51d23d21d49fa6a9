import Foundation

/// The secret that signs access tokens: `MYSPOTIFY_JWT_SECRET` when set, else a random one
/// made at first start and kept in the db folder (`SecretFile`), so tokens survive restarts
/// without anyone having to invent a secret.
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
        return try SecretFile.load(file, minimumBytes: minimumBytes, generatedBytes: 64)
    }
}
