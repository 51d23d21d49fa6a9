import Foundation

/// `application/x-www-form-urlencoded` text, a query string or a form body, read as
/// browsers and form libraries write it: `+` is a space, `%2B` a plus. Hummingbird's
/// `queryParameters` decodes percent escapes only (so "daft+punk" would keep its plus),
/// and Foundation's `URLComponents` does the same; this is the one reader both HTTP
/// adapters (`/api`, `/rest`) use.
public enum FormEncoding {
    /// The name-value pairs of `text` in order, repeated names kept (an empty name too:
    /// `=x` is the pair "" and "x"); one without `=` has the empty value.
    public static func pairs(_ text: Substring) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decoded(parts[0]), parts.count > 1 ? decoded(parts[1]) : "")
        }
    }

    /// The first value of `name` in `text`, nil when absent. Only the names are decoded on
    /// the way, and the one value found: `/api` routes look up several names per request.
    public static func value(of name: String, in text: String?) -> String? {
        guard let text else { return nil }
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decoded(parts[0]) == name else { continue }
            return parts.count > 1 ? decoded(parts[1]) : ""
        }
        return nil
    }

    /// One name or value: `+` as a space, then percent escapes. Text with a malformed
    /// escape (`%zz`, `%2`) or escapes that are not UTF-8 is kept as sent, its `+` as spaces,
    /// rather than dropping it (what Foundation's `removingPercentEncoding` refuses).
    ///
    /// Hand-written over the UTF-8 bytes: Foundation's `replacingOccurrences` and
    /// `removingPercentEncoding` bridge through CFString, and were 9 % of the server's time
    /// for a Subsonic ping under load (perf; every app request carries six or more
    /// parameters). The text with neither `+` nor `%`, nearly all of it, is copied as is.
    public static func decoded(_ text: Substring) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == plus || $0 == percent }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        var wellFormed = true
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == percent {
                let high = utf8.index(after: index)
                guard high != utf8.endIndex, let upper = hexValue(utf8[high]) else { wellFormed = false; break }
                let low = utf8.index(after: high)
                guard low != utf8.endIndex, let lower = hexValue(utf8[low]) else { wellFormed = false; break }
                bytes.append(upper << 4 | lower)
                index = utf8.index(after: low)
            } else {
                bytes.append(byte == plus ? space : byte)
                index = utf8.index(after: index)
            }
        }
        if wellFormed, let decoded = String(validating: bytes, as: UTF8.self) { return decoded }
        return String(decoding: utf8.map { $0 == plus ? space : $0 }, as: UTF8.self)
    }

    private static let plus = UInt8(ascii: "+"), percent = UInt8(ascii: "%"), space = UInt8(ascii: " ")

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
