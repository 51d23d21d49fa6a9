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
    public var accessTokenLifetime: Duration = .seconds(15 * 60)
    public var refreshTokenLifetime: Duration = .seconds(30 * 24 * 3600)
    /// The signing secret of access tokens (at least 32 bytes); nil makes one and keeps it
    /// in the db folder.
    public var jwtSecret: String?

    public init() {}
}
