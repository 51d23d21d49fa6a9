import Dispatch
import HummingbirdBcrypt

/// bcrypt, off the request threads. Hashing is slow on purpose (hundreds of milliseconds
/// on a Pi), so it runs on one dedicated serial queue: a burst of sign-ins waits its turn
/// instead of occupying the cores that stream music and answer the API.
struct PasswordHasher: Sendable {
    let cost: Int
    private static let queue = DispatchQueue(label: "myspotify.bcrypt", qos: .userInitiated)

    func hash(_ password: String) async -> String {
        let cost = self.cost
        return await withCheckedContinuation { continuation in
            Self.queue.async { continuation.resume(returning: Bcrypt.hash(password, cost: UInt8(cost))) }
        }
    }

    func verify(_ password: String, against hash: String) async -> Bool {
        guard !hash.isEmpty else { return false }
        return await withCheckedContinuation { continuation in
            Self.queue.async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }
}
