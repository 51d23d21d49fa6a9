import Foundation
import HTTPSupport
import TestSupport
import Testing

/// The hand-written form decoder answers what Foundation's (`+` replaced, then
/// `removingPercentEncoding`, the text kept as sent where that refuses) answers, for
/// browser-made text and for garbage alike.
@Suite("Form decoding")
struct FormEncodingTests {
    static func reference(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    @Test("every piece of text decodes as Foundation decodes it")
    func sameAsFoundation() {
        var random = SeededRandom(seed: 20_261_201)
        let pieces = ["a", "Z", "+", "%", "%2", "%20", "%2B", "%2b", "%zz", "%E9", "%C3%A9", "%F0%9F%8E%B5", "%C3", "%FF",
                      "%00", "é", "🎵", " ", "=", "&", "%%", "%4", "%G1", "daft", "punk"]
        for _ in 0..<20_000 {
            let text = Substring(random.string(from: pieces, maximumLength: 8))
            #expect(FormEncoding.decoded(text) == Self.reference(text), "\(text)")
        }
        for text in ["", "plain", "a+b", "%41%42", "%", "100%", "%e9t%C3%A9"] {
            #expect(FormEncoding.decoded(Substring(text)) == Self.reference(Substring(text)), "\(text)")
        }
    }
}
