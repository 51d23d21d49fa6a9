import Foundation

/// `application/x-www-form-urlencoded` text, a query string or a form body, read as
/// browsers and form libraries write it: `+` is a space, `%2B` a plus. Hummingbird's
/// `queryParameters` decodes percent escapes only (so "daft+punk" would keep its plus),
/// and Foundation's `URLComponents` does the same; this is the one reader both HTTP
/// adapters (`/api`, `/rest`) use.
public enum FormEncoding {
    /// The name-value pairs of `text` in order, repeated names kept; a pair with an empty
    /// name is dropped, one without `=` has the empty value.
    public static func pairs(_ text: Substring) -> [(name: String, value: String)] {
        text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decoded(parts[0])
            guard !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// The first value of `name` in `text`, nil when absent.
    public static func value(of name: String, in text: String?) -> String? {
        guard let text else { return nil }
        return pairs(Substring(text)).first { $0.name == name }?.value
    }

    /// One name or value: `+` as a space, then percent escapes; a malformed escape is kept
    /// as sent rather than dropping the text.
    public static func decoded(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
