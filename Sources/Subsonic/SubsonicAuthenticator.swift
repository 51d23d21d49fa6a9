import Foundation
import Host

/// Who is calling: the credentials a Subsonic app sends with every request, checked.
///
/// `u` with `p` (plain, or `enc:` and the hex of its UTF-8 bytes, either case). Every
/// failure counts in the same limiter as `/auth/token`, and none of these values is ever
/// logged.
struct SubsonicAuthenticator: Sendable {
    let accounts: Accounts

    func authenticate(_ parameters: SubsonicParameters, address: String) async throws -> User {
        guard let name = parameters.string("u"), !name.isEmpty else { throw SubsonicError.missing("u") }
        guard let sent = parameters.string("p") else { throw SubsonicError.missing("p") }
        let password = try Self.password(from: sent)
        do {
            return try await accounts.verify(email: name, password: password, address: address)
        } catch let error as AccountError {
            throw SubsonicError.from(error)
        }
    }

    /// The password as sent: plain, or `enc:` followed by the hex of its UTF-8 bytes.
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
