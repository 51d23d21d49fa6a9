import Foundation

/// How accounts behave on this installation (the `MYSPOTIFY_*` settings).
public struct AccountSettings: Sendable {
    public enum Registration: String, Sendable, CaseIterable {
        /// Anyone who reaches the server can sign up.
        case open
        /// Only admins create accounts; an address of `adminEmails` can still sign up, so
        /// the owner can make the first account without the command line.
        case closed
    }

    public var registration: Registration = .open
    /// Emails that are admins whenever they sign up or sign in.
    public var adminEmails: Set<String> = []
    /// bcrypt's cost: 12 takes a few hundred milliseconds on a Raspberry Pi 5.
    public var bcryptCost: Int = 12
    /// Sign-ups allowed from one client address (IPv6: one /64) in an hour.
    public var signUpsPerAddressPerHour = 5
    /// New hashes (sign-ups, new accounts, password changes) that may be queued or running
    /// at once; past it a sign-up is refused with 503 and Retry-After instead of waiting.
    public var hashingQueueLimit = 8
    /// Sign-in checks that may be queued or running at once (same refusal past it). At
    /// cost 12 on a Pi 5 the last of 32 waits about 8 seconds.
    public var verifyingQueueLimit = 32
    public var accessTokenLifetime: Duration = .seconds(15 * 60)
    public var refreshTokenLifetime: Duration = .seconds(30 * 24 * 3600)
    /// The signing secret of access tokens (at least 32 bytes); nil makes one and keeps it
    /// in the db folder.
    public var jwtSecret: String?

    public init() {}
}
