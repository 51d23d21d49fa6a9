import Foundation

extension User {
    /// The name phone and desktop apps know the account by: Subsonic's `username`, a
    /// playlist's `owner`, a now-playing entry's listener. The stored one (migration v5)
    /// when this account was read with it; otherwise what the email would be given
    /// (`AppUserName.base`), which differs only for a second account of the same local part.
    public var appUserName: String { storedAppUserName ?? AppUserName.base(forEmail: email) }

    /// Whether `name`, as an app sends it, names this account: its app user name or its
    /// email, in any case.
    public func isNamed(_ name: String) -> Bool {
        let name = name.trimmingCharacters(in: .whitespaces).lowercased()
        return name == appUserName.lowercased() || name == email.lowercased()
    }
}
