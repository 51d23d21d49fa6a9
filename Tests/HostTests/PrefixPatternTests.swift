import GRDB
@testable import Host
import TestSupport
import Testing

/// `PrefixPattern` makes the very pattern GRDB's `FTS5Pattern(matchingAllPrefixesIn:)`
/// makes (which the search used before), so every search answers what it answered.
@Suite("Prefix pattern")
struct PrefixPatternTests {
    static func grdb(_ text: String) -> String? {
        FTS5Pattern(matchingAllPrefixesIn: text)?.rawPattern
    }

    @Test("known texts: words lower-cased, each a prefix; punctuation, FTS5 syntax and control characters separate words")
    func known() {
        let cases: [(String, String?)] = [
            ("moon thunder", "moon* thunder*"),
            ("  Moon   THUNDER ", "moon* thunder*"),
            ("AND OR NOT NEAR", "and* or* not* near*"),
            ("\"the fire\" -x +y (z) ^a b* c:d {e}", "the* fire* x* y* z* a* b* c* d* e*"),
            ("AC/DC", "ac* dc*"),
            ("don't_stop", "don* t* stop*"),
            ("Café Tacvba", "café* tacvba*"),
            ("Ébène ÇA", "Ébène* Ça*"),
            ("日本 の歌", "日本* の歌*"),
            ("a\u{0}b\tc\nd", "a* b* c* d*"),
            ("", nil),
            ("  ", nil),
            ("*** --- \"\"", nil),
            ("\u{FEFF}moon", "moon*"),
            ("moon \u{FEFF}", nil),
            ("mo\u{FEFF}on", "mo\u{FEFF}on*"),
        ]
        for (text, expected) in cases {
            #expect(PrefixPattern.allPrefixes(of: text) == expected, "\(text.debugDescription)")
            #expect(Self.grdb(text) == expected, "GRDB on \(text.debugDescription)")
        }
    }

    @Test("random texts of letters, digits, punctuation, FTS5 syntax, control and non-ASCII characters: the same pattern as GRDB's")
    func sameAsGRDB() {
        let alphabet = [
            "a", "Z", "q", "M", "0", "7", " ", " ", "  ", "\t", "\n", "\u{0}", "\u{1A}", "\u{7F}", "\"", "'", "*", "^", "(", ")",
            ":", "-", "+", "{", "}", "_", ".", ",", "/", "\\", "AND", "OR", "NOT", "NEAR", "é", "É", "ß", "ı", "İ", "日本",
            "\u{301}", "\u{80}", "\u{A0}", "\u{2028}", "\u{FEFF}", "\u{FEFF}\u{FEFF}", "\u{FFFD}", "🎸", "👩‍👩‍👧", "Ω", "ﬁ",
        ]
        var random = SeededRandom(seed: 13)
        for index in 0..<1_500 {
            let text = random.string(from: alphabet, maximumLength: 12)
            #expect(PrefixPattern.allPrefixes(of: text) == Self.grdb(text), "case \(index): \(text.debugDescription)")
        }
    }
}
