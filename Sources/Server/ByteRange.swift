import Foundation

/// What a `Range` header asks of a representation of `length` bytes (RFC 9110, 14.2).
///
/// Parsed by hand because Hummingbird's `FileMiddleware` reads a suffix range `-n` as the
/// first n+1 bytes and clamps a start beyond the end instead of refusing it.
enum ByteRangeRequest: Equatable {
    /// No usable range: send the whole representation with 200.
    case whole
    /// One satisfiable range, already clamped to the length: 206.
    case partial(ClosedRange<Int64>)
    /// A `bytes` range that cannot be served (start past the end, `-0`, an empty file) or
    /// that is malformed: 416 with `Content-Range: bytes */length`. `reason` says which.
    case unsatisfiable(reason: String)

    init(header: String?, length: Int64) {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            self = .whole
            return
        }
        guard header.lowercased().hasPrefix("bytes=") else {
            // Another range unit: RFC 9110 says to ignore the header.
            self = .whole
            return
        }
        let set = header.dropFirst("bytes=".count)
        if set.contains(",") {
            // Several ranges would need a multipart answer; the RFC lets a server ignore
            // the header instead, and players only ever ask for one range.
            self = .whole
            return
        }
        let spec = set.trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else {
            self = .unsatisfiable(reason: "malformed Range \"\(header)\": expected bytes=start-end, bytes=start- or bytes=-suffix")
            return
        }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        let malformed = ByteRangeRequest.unsatisfiable(
            reason: "malformed Range \"\(header)\": expected bytes=start-end, bytes=start- or bytes=-suffix")

        if first.isEmpty {
            guard let suffix = Self.number(last) else { self = malformed; return }
            guard suffix > 0, length > 0 else {
                self = .unsatisfiable(reason: "Range \"\(header)\" selects no bytes of a \(length)-byte file")
                return
            }
            self = .partial(max(0, length - suffix)...(length - 1))
            return
        }
        guard let start = Self.number(first) else { self = malformed; return }
        var end = length - 1
        if !last.isEmpty {
            guard let value = Self.number(last), value >= start else { self = malformed; return }
            end = min(value, length - 1)
        }
        guard start < length else {
            self = .unsatisfiable(reason: "Range \"\(header)\" starts at or past the end of a \(length)-byte file")
            return
        }
        self = .partial(start...end)
    }

    /// Digits only (no sign, no spaces). A number too large for Int64 saturates instead of
    /// failing: RFC 9110 (14.1.2) clamps a last position past the end to the end, so
    /// `bytes=0-99999999999999999999` is the whole file, and a first position that large is
    /// past the end of any file (416), not a malformed header.
    private static func number(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int64(text) ?? Int64.max
    }
}
