/// The FTS5 query that matches every word of a text as a prefix: the text cut into words
/// as FTS5's `ascii` tokenizer cuts it, each word followed by `*`, joined by spaces. The
/// same string GRDB's `FTS5Pattern(matchingAllPrefixesIn:)` makes, which opens two
/// in-memory databases per call (one to tokenize, one creating an FTS5 table to check the
/// pattern): that was most of a search's server time (perf, issue 13). Hand-written
/// because GRDB has no way to skip either step; the two are compared on many texts in
/// `PrefixPatternTests`.
///
/// The `ascii` tokenizer (fts5_tokenize.c): ASCII letters and digits and every byte of a
/// non-ASCII character are word characters, any other ASCII byte separates words, and
/// ASCII letters are lower-cased. A word made of those characters is an FTS5 bareword
/// (letters, digits, `_` and any character above U+007F), so the pattern is always valid
/// and is not checked again.
enum PrefixPattern {
    /// The pattern, or nil when the text has no word (or, as with GRDB, when a word is a
    /// lone U+FEFF: see `word(_:)`).
    static func allPrefixes(of text: String) -> String? {
        var pattern: [UInt8] = []
        pattern.reserveCapacity(text.utf8.count + 8)
        var word: [UInt8] = []
        func endWord() -> Bool {
            defer { word.removeAll(keepingCapacity: true) }
            guard !word.isEmpty else { return true }
            guard let kept = Self.word(word) else { return false }
            if !pattern.isEmpty { pattern.append(UInt8(ascii: " ")) }
            pattern.append(contentsOf: kept)
            pattern.append(UInt8(ascii: "*"))
            return true
        }
        for byte in text.utf8 {
            if byte >= 0x80 || Self.isASCIILetterOrDigit(byte) {
                word.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            } else if !endWord() {
                return nil
            }
        }
        guard endWord(), !pattern.isEmpty else { return nil }
        return String(decoding: pattern, as: UTF8.self)
    }

    /// A word as GRDB reads it back from the tokenizer: through `String(data:encoding:)`,
    /// which drops one leading byte order mark (U+FEFF). A word that was only that mark is
    /// empty then, its pattern a bare `*`, which FTS5 refuses, so GRDB makes no pattern at
    /// all; nil says so here.
    private static func word(_ bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let word = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return word.isEmpty ? nil : word
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
}
