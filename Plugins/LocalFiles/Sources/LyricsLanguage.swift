import Foundation

/// The language of a set of lyrics as tags write it, checked.
enum LyricsLanguage {
    /// A lowercase ISO 639-1 or 639-2 code (`en`, `eng`, `deu`) from `text`, or nil for
    /// anything else, and for `xxx` and `und`, which taggers write for "not known".
    static func code<Text: StringProtocol>(_ text: Text) -> String? {
        let code = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard (2...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isLetter }), code != "xxx", code != "und" else {
            return nil
        }
        return code
    }
}
