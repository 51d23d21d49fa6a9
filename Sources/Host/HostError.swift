/// Errors the host reports to its adapters (HTTP, CLI). Each says what was wrong and,
/// where there is one, what to do; the HTTP layer maps each case to one status code.
public enum HostError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such object (`kind` is "track", "album"...). HTTP 404.
    case notFound(kind: String, id: String)
    /// The request itself is wrong (bad parameter, too large). HTTP 400.
    case invalidInput(String)
    /// The thing exists but cannot be served now (file gone, provider failing). HTTP 502/503.
    case unavailable(String)
    /// Another operation holds what this one needs (a scan already running). HTTP 409.
    case conflict(String)
    /// The thing is known but will not be served again until it changes (a library file
    /// that stopped being valid audio). HTTP 410.
    case gone(String)
    /// A source (YouTube, SoundCloud) failed to do its part. Its description is the plain
    /// sentence for users; the detail is for admins. HTTP 502.
    case sourceFailed(SourceFailure)
    /// Too much of something runs at once (transcodes); the client may try again after
    /// `retryAfterSeconds`. HTTP 503 with `Retry-After`.
    case busy(String, retryAfterSeconds: Int)

    public var description: String {
        switch self {
        case .notFound(let kind, let id): "no \(kind) with id \(id)"
        case .invalidInput(let message), .unavailable(let message), .conflict(let message), .gone(let message): message
        case .sourceFailed(let failure): failure.summary
        case .busy(let message, _): message
        }
    }
}
