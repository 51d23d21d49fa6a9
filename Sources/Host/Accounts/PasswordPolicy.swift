/// What a password must be. bcrypt reads only the first 72 bytes, so a longer password
/// would silently have its end ignored: it is refused instead.
enum PasswordPolicy {
    static let minimumLength = 8
    static let maximumBytes = 72

    /// nil when acceptable, else what is wrong, said so a person can fix it.
    static func problem(with password: String, email: String) -> String? {
        if password.count < minimumLength {
            return "the password must have at least \(minimumLength) characters"
        }
        if password.utf8.count > maximumBytes {
            return "the password must be at most \(maximumBytes) bytes long (bcrypt ignores anything beyond)"
        }
        if Set(password).count == 1 {
            return "the password must not be one character repeated"
        }
        if password.lowercased() == email.lowercased() {
            return "the password must not be your email address"
        }
        return nil
    }
}
