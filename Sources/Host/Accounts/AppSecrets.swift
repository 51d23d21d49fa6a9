import Crypto
import Foundation

/// The secrets made for phone and desktop apps: an app password a person can read and type
/// on a phone, and an API key an app stores.
enum AppSecrets {
    /// Lower-case letters and digits without the ones misread for each other (0/o, 1/l/i).
    static let passwordAlphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
    static let passwordGroups = 4
    static let passwordGroupLength = 5

    /// Four groups of five (`k7qm2-xrp9d-hf4tw-3nazc`): about 99 random bits, so even a token
    /// copied from a URL (md5 of it and a salt) cannot be reversed by trying them all.
    static func appPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<passwordGroups).map { _ in
            String((0..<passwordGroupLength).map { _ in passwordAlphabet[Int.random(in: 0..<passwordAlphabet.count, using: &generator)] })
        }.joined(separator: "-")
    }

    /// 32 random bytes, base64url: 43 characters, fine in a query string.
    static func apiKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64URLEncoded
    }

    /// How an API key is found: its SHA-256, in hex. A key is 256 random bits, so a plain
    /// hash is enough (nothing to guess), and the database alone yields no usable key.
    static func lookupHash(ofAPIKey key: String) -> String {
        LowercaseHex.string(SHA256.hash(data: Data(key.utf8)))
    }

    /// The longest API key looked up; anything longer is refused before any work.
    static let maximumAPIKeyLength = 256
}
