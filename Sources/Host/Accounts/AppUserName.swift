import Foundation

/// The user name an account signs in with from phone and desktop apps: safe in a URL
/// (`a-z`, `0-9`, `.`, `_`, `-`), short enough to type on a phone, and never an email, so
/// the two cannot be confused. Made from the email's local part once, when the account is
/// made, and stored: it never changes afterwards, so an app set up once keeps working.
enum AppUserName {
    /// Longest name offered, numbers added on a collision included.
    static let maximumLength = 32

    /// What an email's account is offered before collisions: `Ada.Lovelace+music@x.org` is
    /// `ada.lovelacemusic`, `José@x.org` is `jose`; with nothing usable left, `user`.
    static func base(forEmail email: String) -> String {
        let local = email.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let folded = local.folding(
            options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        let kept = String(String.UnicodeScalarView(folded.lowercased().unicodeScalars.filter(isAllowed)))
        // Punctuation at the ends reads as a typo in an app's form; room is left for a number.
        let trimmed = kept.trimmingCharacters(in: CharacterSet(charactersIn: "._-")).prefix(maximumLength - 4)
        return trimmed.isEmpty ? "user" : String(trimmed)
    }

    /// The names to try in order: `ada`, `ada2`, `ada3`, ...
    static func candidate(_ base: String, attempt: Int) -> String {
        attempt <= 1 ? base : "\(base)\(attempt)"
    }

    /// Whether `text` could be a name this server gave (checked before any database read).
    static func isPlausible(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maximumLength && text.unicodeScalars.allSatisfy(isAllowed)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "0"..."9", ".", "_", "-": true
        default: false
        }
    }
}
