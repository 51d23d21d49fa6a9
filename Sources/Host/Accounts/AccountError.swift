/// Why an account operation was refused. Each maps to one HTTP status in the adapter.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Wrong email or password, or an unknown, expired or revoked token. HTTP 401 (400
    /// `invalid_grant` on the OAuth2 token endpoint).
    case invalidCredentials(String)
    /// Signed in, but not allowed (not an admin, registration closed, account disabled). HTTP 403.
    case forbidden(code: String, message: String)
    /// Too many failed sign-ins; try again after this many seconds. HTTP 429.
    case throttled(retryAfterSeconds: Int)

    public var description: String {
        switch self {
        case .invalidCredentials(let message): message
        case .forbidden(_, let message): message
        case .throttled(let seconds): "too many failed sign-ins; try again in \(seconds) seconds"
        }
    }
}
