/// What a person types into a phone or desktop app (the Subsonic API) to connect it: the
/// user name, and the app password and API key while they exist.
public struct AppCredentials: Sendable, Equatable {
    /// Safe in a URL, made from the email once (`AppUserName`); the email works as well.
    public var username: String
    /// Works as `p` (plain or `enc:`) and for token sign-in (`t` and `s`).
    public var appPassword: String?
    /// Works alone, as `apiKey`.
    public var apiKey: String?
}

/// Why an app's sign-in was refused, where the protocol has its own answer for it (wrong
/// credentials are `AccountError.invalidCredentials`, as everywhere).
public enum AppSignInError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Token sign-in (`t` and `s`) needs a secret the server can read back, and this name
    /// has no app password (or is no account: the two are answered alike).
    case noAppPassword
    /// No enabled account has this API key.
    case invalidAPIKey

    public var description: String {
        switch self {
        case .noAppPassword:
            "token sign-in needs an app password: make one in MySpotify's settings (Phone and desktop apps), or send the password as p"
        case .invalidAPIKey:
            "invalid API key: copy the current one from MySpotify's settings (Phone and desktop apps)"
        }
    }
}
