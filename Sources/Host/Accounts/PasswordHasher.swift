import HummingbirdBcrypt

/// bcrypt, off the request threads, on two queues: one makes new hashes (sign-up, an
/// admin's new account, a password change), the other checks passwords (sign-in). A flood
/// of sign-ups then queues behind itself, not in front of the sign-ins of people who have
/// an account (issue 10: 48 sign-ups in 15 s made every sign-in wait 2-2.7 s). Two threads
/// at most, so two cores of a Pi 5 stay free for streaming whatever the load.
struct PasswordHasher: Sendable {
    let cost: Int
    let hashing: BcryptQueue
    let verifying: BcryptQueue

    init(cost: Int, hashingLimit: Int, verifyingLimit: Int) {
        self.cost = cost
        hashing = BcryptQueue(label: "myspotify.bcrypt.hash", limit: hashingLimit)
        verifying = BcryptQueue(label: "myspotify.bcrypt.verify", limit: verifyingLimit)
    }

    /// A new hash of `password`, for storing.
    func hash(_ password: BcryptPassword) async throws -> String {
        try await Self.hash(password, cost: cost, on: hashing)
    }

    /// A hash made on the sign-in queue: the decoy an unknown email is checked against is
    /// part of a sign-in, so it must not wait behind sign-ups.
    func hashForSignIn(_ password: BcryptPassword) async throws -> String {
        try await Self.hash(password, cost: cost, on: verifying)
    }

    /// Whether `password` is the one `hash` was made from.
    func verify(_ password: BcryptPassword, against hash: String) async throws -> Bool {
        guard !hash.isEmpty else { return false }
        let text = password.text
        return try await verifying.run { Bcrypt.verify(text, hash: hash) }
    }

    private static func hash(_ password: BcryptPassword, cost: Int, on queue: BcryptQueue) async throws -> String {
        let text = password.text
        return try await queue.run { Bcrypt.hash(text, cost: UInt8(cost)) }
    }
}
