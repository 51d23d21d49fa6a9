import Foundation
import Host

/// Who is calling: the credentials a Subsonic app sends with every request, told apart by
/// the protocol's rules and checked by the Host (`AppSignIn`).
///
/// - `apiKey` alone (the `apiKeyAuthentication` extension); with `u` it is error 43, as is
///   any other credential beside it.
/// - `u` (the app user name, or the email) with `p`: the app password or the account's own,
///   plain or `enc:` and the hex of its UTF-8 bytes (either case).
/// - `u` with `t` and `s` (the token: md5 of the app password and the salt).
///
/// `p` with `t` is error 43; a missing part is 10. None of these values is ever logged.
struct SubsonicAuthenticator: Sendable {
    let apps: AppSignIn

    func authenticate(_ parameters: SubsonicParameters, address: String) async throws -> User {
        // An empty value is no credential: apps send `p=` next to a token, some of them.
        func sent(_ name: String) -> String? { parameters.string(name).flatMap { $0.isEmpty ? nil : $0 } }
        let name = sent("u")
        let password = sent("p")
        let token = sent("t")
        let salt = parameters.string("s")
        do {
            if let apiKey = sent("apiKey") {
                guard name == nil else {
                    throw SubsonicError(.conflictingMechanisms, "Send apiKey alone: with an API key, u must not be sent")
                }
                guard password == nil, token == nil, sent("s") == nil else {
                    throw SubsonicError(.conflictingMechanisms, "Multiple conflicting authentication mechanisms provided: apiKey with p, t or s")
                }
                return try await apps.signIn(apiKey: apiKey, address: address)
            }
            guard let name else { throw SubsonicError.missing("u") }
            if password != nil, token != nil {
                throw SubsonicError(.conflictingMechanisms, "Multiple conflicting authentication mechanisms provided: p with t")
            }
            if let token {
                guard let salt else { throw SubsonicError.missing("s") }
                return try await apps.signIn(name: name, token: token, salt: salt, address: address)
            }
            guard let password else { throw SubsonicError(.missingParameter, "Required parameter is missing: p, or t and s") }
            return try await apps.signIn(name: name, password: try Self.password(from: password), address: address)
        } catch let error as SubsonicError {
            throw error
        } catch {
            throw SubsonicError.from(error)
        }
    }

    /// The password as sent: plain, or `enc:` followed by the hex of its UTF-8 bytes. A
    /// malformed one can be no account's password: refused at once, like an impossible
    /// password on /auth/token.
    static func password(from sent: String) throws -> String {
        guard sent.hasPrefix("enc:") else { return sent }
        let hex = Array(sent.dropFirst(4).utf8)
        guard hex.count % 2 == 0 else { throw SubsonicError(.wrongCredentials, "Wrong username or password") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.count / 2)
        var index = 0
        while index < hex.count {
            guard let high = Self.nibble(hex[index]), let low = Self.nibble(hex[index + 1]) else {
                throw SubsonicError(.wrongCredentials, "Wrong username or password")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SubsonicError(.wrongCredentials, "Wrong username or password")
        }
        return text
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
