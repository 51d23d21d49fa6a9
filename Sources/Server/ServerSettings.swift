import Foundation
import Host

/// What the HTTP layer needs to know about where it runs.
public struct ServerSettings: Sendable {
    /// The address people use (`https://music.example.com`), for share links and the
    /// Google redirect. Without it, the forwarded headers (when trusted) or Host are used.
    public var publicURL: URL?
    /// Whether X-Forwarded-* and X-Real-IP come from a proxy of ours (Caddy) and can be
    /// believed. Off by default: a client could otherwise pick its own address.
    public var trustProxy = false
    /// The web app's folder, served at `/`; nil serves none.
    public var webDirectory: String?
    /// Google (or another OpenID Connect issuer) sign-in; nil when not configured.
    public var google: OpenIDSettings?
    /// Timeouts and limits of connections and requests.
    public var connections = ConnectionLimits()
    /// Hands freed heap memory back to the system, called a moment after the last request
    /// in progress ends (the executable passes glibc's `malloc_trim`); nil does nothing.
    public var releaseFreeMemory: (@Sendable () -> Void)?
    /// After this long with no request the catalog's page caches and idle reader connections
    /// are given back (`MusicHost.releaseIdleMemory`), then `releaseFreeMemory` runs: what a
    /// burst of searches made resident goes when the burst is over.
    public var idleMemoryDelay: Duration = .seconds(30)

    public init() {}
}
