/// What a password must be. bcrypt reads only the first 72 bytes, so a longer password
/// would silently have its end ignored: it is refused instead. Control characters (C0,
/// DEL, C1: NUL, tab, line breaks, escape...) are refused too: a NUL would end the text
/// bcrypt reads (see `BcryptPassword`), and the others are never typed on purpose into a
/// password field (a tab moves to the next field), only pasted by mistake.
enum PasswordPolicy {
    static let minimumLength = 8
    static let maximumBytes = 72

    /// The password as bcrypt will read it, or `invalidInput` saying what is wrong, so a
    /// person can fix it. For new passwords: sign-up, an admin's account, a change.
    static func checked(_ password: String, email: String) throws -> BcryptPassword {
        if let problem = problem(with: password, email: email) { throw HostError.invalidInput(problem) }
        guard let accepted = BcryptPassword(password) else {
            // Unreachable: the shape rules above are stricter than BcryptPassword's.
            throw HostError.invalidInput("the password cannot be used")
        }
        return accepted
    }

    /// nil when acceptable, else what is wrong, said so a person can fix it: sentences that
    /// name no algorithm and no bytes (the limit is bcrypt's 72 bytes, which is 72 plain
    /// letters; the message says so in characters).
    static func problem(with password: String, email: String) -> String? {
        if let problem = shapeProblem(with: password) { return problem }
        if Set(password).count == 1 {
            return "A password cannot be one character repeated."
        }
        if password.lowercased() == email.lowercased() {
            return "A password cannot be your email address."
        }
        return nil
    }

    /// A password given to sign in, if it could be an account's at all. Every account's
    /// password obeyed the shape rules (length, bytes, characters) when it was set, so one
    /// that breaks them is wrong whatever the account; checking it is refused before bcrypt,
    /// which also keeps accounts whose hash was made from a password cut at a NUL (before
    /// NUL was refused) from opening with the empty or short text before the NUL.
    static func candidate(_ password: String) -> BcryptPassword? {
        shapeProblem(with: password) == nil ? BcryptPassword(password) : nil
    }

    private static func shapeProblem(with password: String) -> String? {
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "A password cannot hold control characters such as a tab or a line break."
        }
        if password.unicodeScalars.contains("\u{FFFD}") {
            // What a decoder puts in place of bytes that are not UTF-8: the password the
            // client meant is not the one that arrived.
            return "The password did not arrive as UTF-8 text (it holds U+FFFD): type it again."
        }
        if password.count < minimumLength {
            return "Use at least \(minimumLength) characters."
        }
        if password.utf8.count > maximumBytes {
            return "Use at most \(maximumBytes) characters (an accented letter or an emoji counts as 2 to 4)."
        }
        return nil
    }
}

/// A password exactly as bcrypt reads it. HummingbirdBcrypt passes a Swift `String` to C
/// as a NUL-terminated UTF-8 string (`c_hb_bcrypt_hashpass(text, ...)`), and bcrypt `$2b$`
/// reads up to the first NUL, and at most 72 bytes of that: a NUL inside the text would
/// silently end the password there, and bytes past 72 would be ignored. A `BcryptPassword`
/// holds only text with neither, so the bytes bcrypt reads are exactly `text.utf8`, the
/// bytes the policy checked; `PasswordHasher` takes nothing else.
struct BcryptPassword: Sendable {
    let text: String

    init?(_ text: String) {
        guard !text.isEmpty, text.utf8.count <= PasswordPolicy.maximumBytes, !text.utf8.contains(0) else { return nil }
        self.text = text
    }
}
