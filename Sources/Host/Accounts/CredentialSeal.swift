import Crypto
import Foundation

/// Seals the app passwords and API keys that the server must read back (a token is checked
/// against the app password itself, and the settings page shows both): AES-GCM under a key
/// kept in `db/subsonic-key` (0600, `SecretFile`), so a copy of the database alone reveals
/// none of them. Each sealed value is bound to its account and its kind: moved to another
/// row, or swapped for the other kind, it no longer opens.
struct CredentialSeal: Sendable {
    enum Kind: String, Sendable {
        case appPassword = "app-password"
        case apiKey = "api-key"
    }

    private let key: SymmetricKey

    static let keyBytes = 32

    init(keyFile: URL) throws {
        key = SymmetricKey(data: try SecretFile.load(keyFile, minimumBytes: Self.keyBytes, generatedBytes: Self.keyBytes).prefix(Self.keyBytes))
    }

    /// Nonce, ciphertext and tag, in one blob.
    func seal(_ secret: String, kind: Kind, userID: String) throws -> Data {
        let box = try AES.GCM.seal(Data(secret.utf8), using: key, authenticating: Self.context(kind, userID))
        guard let combined = box.combined else { throw HostError.unavailable("could not seal an app credential") }
        return combined
    }

    /// The secret, or nil when the blob does not open with this key for this account and kind
    /// (a damaged row, a database restored without its key file).
    func open(_ sealed: Data, kind: Kind, userID: String) -> String? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Self.context(kind, userID))
        else { return nil }
        return String(validating: plain, as: UTF8.self)
    }

    private static func context(_ kind: Kind, _ userID: String) -> Data {
        Data("myspotify app credential\u{0}\(kind.rawValue)\u{0}\(userID)".utf8)
    }
}
