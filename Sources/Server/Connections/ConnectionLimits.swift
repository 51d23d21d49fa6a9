/// How long a client may take for each step of a request, and how many connections and
/// requests it may hold at once. Every one has a bound, so a slow or hostile client costs
/// a fixed amount of time, memory and file descriptors (docs/SECURITY.md, "Connections").
public struct ConnectionLimits: Sendable {
    /// A request, head and body, must arrive within this time of its first byte (the
    /// first request: of the connection opening). Stops slowloris, which keeps a
    /// connection by sending its headers a byte at a time.
    public var requestTimeout: Duration = .seconds(10)
    /// A kept-alive connection on which no new request starts within this time is closed.
    /// Longer than the proxy's own keep-alive (deploy/Caddyfile), so that the proxy, not
    /// the app, closes an idle connection and never sends a request into one being closed.
    public var idleTimeout: Duration = .seconds(75)
    /// A client that takes none of the answer's bytes for this long is dropped. A paused
    /// player stops reading; when it resumes it asks again with Range.
    public var writeTimeout: Duration = .seconds(60)
    /// Open connections in all; above it a new one gets a fixed 503 and is closed.
    public var maxConnections = 256
    /// Open connections from one peer address; above it a new one gets a fixed 429. Not
    /// applied behind a trusted proxy, where every connection comes from the proxy.
    public var maxConnectionsPerAddress = 32
    /// Requests in progress at once from one client address (the forwarded one behind a
    /// trusted proxy), a streamed answer counting until its last byte; above it a 429.
    public var maxRequestsPerAddress = 64

    public init() {}
}
