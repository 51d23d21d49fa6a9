/// Why an account operation was refused. Each maps to one HTTP status in the adapter.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Wrong email or password, or an unknown, expired or revoked token. HTTP 401 (400
    /// `invalid_grant` on the OAuth2 token endpoint).
    case invalidCredentials(String)
    /// Signed in, but not allowed (not an admin, registration closed, a wrong current
    /// password). HTTP 403.
    case forbidden(code: String, message: String)
    /// Too many attempts (failed sign-ins, sign-ups from one address); `reason` says which.
    /// HTTP 429 with Retry-After.
    case throttled(retryAfterSeconds: Int, reason: String)
    /// Too much password work is already waiting (a flood of sign-ups or sign-ins): refused
    /// at once rather than queued without end. HTTP 503 with Retry-After.
    case busy(retryAfterSeconds: Int)

    /// The reason of a sign-in lockout.
    static let tooManyFailedSignIns = "too many failed sign-ins"

    public var description: String {
        switch self {
        case .invalidCredentials(let message): message
        case .forbidden(_, let message): message
        case .throttled(let seconds, let reason): "\(reason); try again in \(seconds) seconds"
        case .busy(let seconds): "the server is busy checking passwords; try again in \(seconds) seconds"
        }
    }
}
