import Foundation

/// The leading articles an artist's name is sorted and indexed without, so "The Beatles"
/// files under B. Apps are told the list (Subsonic's `ignoredArticles`) to sort the same way.
public struct IgnoredArticles: Sendable, Equatable {
    /// English, Spanish and French articles, as Navidrome ships them.
    public static let standard = IgnoredArticles(["The", "El", "La", "Los", "Las", "Le", "Les"])

    public let words: [String]

    public init(_ words: [String]) {
        self.words = words
    }

    /// The list as Subsonic sends it: the words separated by spaces.
    public var spaceSeparated: String { words.joined(separator: " ") }

    /// The name without its leading article and surrounding spaces: "The Beatles" is
    /// "Beatles". An article alone ("The") or followed by nothing else stays as it is.
    public func sortName(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        for word in words {
            guard trimmed.count > word.count + 1,
                  let prefix = trimmed.range(of: word + " ", options: [.anchored, .caseInsensitive])
            else { continue }
            let rest = trimmed[prefix.upperBound...].trimmingCharacters(in: .whitespaces)
            if !rest.isEmpty { return rest }
        }
        return trimmed
    }

    /// The index an artist is listed under: the first character of the sort name without
    /// its accents, in upper case ("Édith Piaf" under E, "The Beatles" under B), or `#`
    /// when that character is not a letter (digits, punctuation, an empty name).
    public func indexName(of name: String) -> String {
        guard let first = sortName(name).first, first.isLetter else { return "#" }
        return String(first).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).uppercased()
    }

    /// The sort key used to order names within one index: accents and case do not count.
    func sortKey(of name: String) -> String {
        sortName(name).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The same sort name as an SQL expression over `column`, for orders computed by the
    /// catalog (albums by artist). SQLite's LIKE ignores ASCII case, as `sortName` does.
    func sqlSortName(_ column: String) -> String {
        let cases = words.map { word in
            "WHEN \(column) LIKE '\(word) %' AND length(trim(substr(\(column), \(word.count + 2)))) > 0 "
                + "THEN trim(substr(\(column), \(word.count + 2)))"
        }
        return "(CASE \(cases.joined(separator: " ")) ELSE \(column) END)"
    }
}
