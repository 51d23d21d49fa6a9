import Foundation

extension User {
    /// The name phone and desktop apps know the account by: Subsonic's `username`, a
    /// playlist's `owner`, a now-playing entry's listener.
    public var appUserName: String { Self.appUserName(email: email) }

    /// The app user name of the account with `email`.
    ///
    /// Stand-in: the email's part before the `@`. Migration v5 (issue 11, sign-in from apps)
    /// gives each account a stored URL-safe user name; when it lands this reads that instead,
    /// and every caller (profiles, playlist owners, now playing) follows.
    static func appUserName(email: String) -> String {
        guard let at = email.firstIndex(of: "@"), at > email.startIndex else { return email }
        return String(email[..<at])
    }

    /// Whether `name`, as an app sends it, names this account: its app user name or its
    /// email, in any case.
    public func isNamed(_ name: String) -> Bool {
        let name = name.trimmingCharacters(in: .whitespaces).lowercased()
        return name == appUserName.lowercased() || name == email.lowercased()
    }
}
