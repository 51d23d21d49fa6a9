import Host

extension SubsonicError {
    /// The one place where the Host's errors become the protocol's codes.
    static func from(_ error: any Error) -> SubsonicError {
        switch error {
        case let error as SubsonicError:
            return error
        case let error as HostError:
            switch error {
            case .notFound, .gone: return SubsonicError(.notFound, error.description)
            case .invalidInput, .unavailable, .conflict, .sourceFailed, .busy: return SubsonicError(.generic, error.description)
            }
        case let error as AccountError:
            switch error {
            case .invalidCredentials: return SubsonicError(.wrongCredentials, "Wrong username or password")
            case .forbidden(_, let message): return SubsonicError(.notAuthorized, message)
            // Apps know no "slow down" code: a wrong-credentials answer that says why.
            case .throttled, .busy: return SubsonicError(.wrongCredentials, error.description)
            }
        case let error as AppSignInError:
            switch error {
            case .noAppPassword:
                return SubsonicError(
                    .tokenAuthenticationNotSupported,
                    "Token authentication needs an app password: create one in MySpotify's settings (Phone and desktop apps), or send the password as p")
            case .invalidAPIKey:
                return SubsonicError(.invalidAPIKey, "Invalid API key: copy the current one from MySpotify's settings (Phone and desktop apps)")
            }
        default:
            return SubsonicError(.generic, "The server could not answer; its log has the details")
        }
    }
}
