import Foundation
import HTTPSupport
@testable import Server
import TestSupport
import Testing

/// Seeded fuzzing of the parsers every request goes through: the `Range` header and the
/// query string. Bounded in count, repeatable from the seed, run with the normal tests.
@Suite("Fuzzing the Range and query-string parsers")
struct InputFuzzTests {
    static let seed: UInt64 = 0x5EED_0010

    @Test("any Range header: no crash, and a partial answer always lies inside the file")
    func rangeInvariants() {
        var random = SeededRandom(seed: Self.seed)
        let alphabet = ["bytes=", "BYTES=", "items=", "-", "-", ",", " ", "0", "1", "7", "9", "42", "999",
                        "99999999999999999999", "+", "x", "=", "\t", "é", "\u{0}", "bytes", "--"]
        for index in 0..<20_000 {
            let header = random.string(from: alphabet, maximumLength: 8)
            let length = Int64(random.pick([0, 1, 2, 10, 1000, 44_351, Int(Int32.max)]))
            switch ByteRangeRequest(header: header, length: length) {
            case .partial(let range):
                #expect(range.lowerBound >= 0 && range.upperBound < length && range.lowerBound <= range.upperBound,
                        "case \(index) (seed \(Self.seed)): \"\(header)\" of \(length) bytes gave \(range)")
            case .whole, .unsatisfiable:
                break
            }
        }
    }

    @Test("well-formed ranges give exactly the bytes RFC 9110 says, clamped to the end")
    func rangeModel() {
        var random = SeededRandom(seed: Self.seed + 1)
        for index in 0..<20_000 {
            let length = Int64.random(in: 1...100_000, using: &random)
            let start = Int64.random(in: 0...(length * 2), using: &random)
            let end = start + Int64.random(in: 0...(length * 2), using: &random)
            let suffix = Int64.random(in: 1...(length * 2), using: &random)
            let closed = ByteRangeRequest(header: "bytes=\(start)-\(end)", length: length)
            let open = ByteRangeRequest(header: "bytes=\(start)-", length: length)
            if start < length {
                #expect(closed == .partial(start...min(end, length - 1)), "case \(index): bytes=\(start)-\(end) of \(length)")
                #expect(open == .partial(start...(length - 1)), "case \(index): bytes=\(start)- of \(length)")
            } else {
                #expect(closed != .whole && open != .whole, "case \(index): a start past the end is a 416")
            }
            #expect(ByteRangeRequest(header: "bytes=-\(suffix)", length: length) == .partial(max(0, length - suffix)...(length - 1)))
        }
    }

    /// Encodes like a browser's `encodeURIComponent`, spaces sometimes as `+` (forms).
    static func encode(_ text: String, spaceAsPlus: Bool) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-_.!~*'()")
        let encoded = text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        return spaceAsPlus ? encoded.replacingOccurrences(of: "%20", with: "+") : encoded
    }

    @Test("query strings: every value a browser encodes comes back exactly; garbage never crashes")
    func queryStrings() {
        var random = SeededRandom(seed: Self.seed + 2)
        let pieces = ["a", "b", "q", " ", "+", "&", "=", "%", "#", "?", "é", "ß", "🎵", "/", "\"", "'", "%20", "daft", "punk"]
        for index in 0..<5_000 {
            let count = Int.random(in: 1...5, using: &random)
            let pairs = (0..<count).map { _ in
                (random.string(from: pieces, maximumLength: 4), random.string(from: pieces, maximumLength: 10))
            }
            let plus = Bool.random(using: &random)
            let query = pairs.map { "\(Self.encode($0.0, spaceAsPlus: plus))=\(Self.encode($0.1, spaceAsPlus: plus))" }.joined(separator: "&")
            for (name, _) in pairs {
                // The first pair of a name wins, as the reader documents.
                let first = pairs.first { $0.0 == name }?.1
                #expect(QueryParameters.value(of: name, in: query) == first, "case \(index): \(name) in \(query)")
            }
        }
        let garbage = ["%", "%2", "%zz", "%E9", "%C3", "+", "&", "=", "a", "é", "\u{0}", "%%", "&&", "==", "%00"]
        for _ in 0..<20_000 {
            let query = random.string(from: garbage, maximumLength: 12)
            _ = QueryParameters.value(of: random.pick(["a", "", "é", "%"]), in: query)
        }
    }
}
