import Foundation

/// What a `Range` header asks for, before the representation's length is known (RFC 9110,
/// 14.1.2). A download in progress answers a `from` range at once and needs its final
/// length only for a suffix; a complete file resolves it against its length.
///
/// Parsed by hand because Hummingbird's `FileMiddleware` reads a suffix range `-n` as the
/// first n+1 bytes and clamps a start beyond the end instead of refusing it.
public enum ByteRangeSpec: Equatable, Sendable {
    /// No usable range (none, another unit, several ranges): the whole representation.
    case whole
    /// `bytes=first-last` or `bytes=first-` (last nil).
    case from(Int64, through: Int64?)
    /// `bytes=-n`: the last n bytes.
    case suffix(Int64)
    /// A `bytes` range that is malformed; `reason` says so.
    case malformed(reason: String)

    public init(header: String?) {
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
        let malformed = ByteRangeSpec.malformed(
            reason: "malformed Range \"\(header)\": expected bytes=start-end, bytes=start- or bytes=-suffix")
        let spec = set.trimmingCharacters(in: .whitespaces)
        guard let dash = spec.firstIndex(of: "-") else {
            self = malformed
            return
        }
        let first = spec[..<dash]
        let last = spec[spec.index(after: dash)...]
        if first.isEmpty {
            guard let suffix = Self.number(last) else { self = malformed; return }
            self = .suffix(suffix)
            return
        }
        guard let start = Self.number(first) else { self = malformed; return }
        if last.isEmpty {
            self = .from(start, through: nil)
            return
        }
        guard let end = Self.number(last), end >= start else { self = malformed; return }
        self = .from(start, through: end)
    }

    /// The range against a representation of `length` bytes.
    public func resolved(length: Int64, header: String?) -> ByteRangeRequest {
        switch self {
        case .whole:
            return .whole
        case .malformed(let reason):
            return .unsatisfiable(reason: reason)
        case .suffix(let count):
            guard count > 0, length > 0 else {
                return .unsatisfiable(reason: "Range \"\(header ?? "")\" selects no bytes of a \(length)-byte file")
            }
            return .partial(max(0, length - count)...(length - 1))
        case .from(let start, let end):
            guard start < length else {
                return .unsatisfiable(reason: "Range \"\(header ?? "")\" starts at or past the end of a \(length)-byte file")
            }
            return .partial(start...min(end ?? length - 1, length - 1))
        }
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

/// What a `Range` header asks of a representation of known length.
public enum ByteRangeRequest: Equatable, Sendable {
    /// No usable range: send the whole representation with 200.
    case whole
    /// One satisfiable range, already clamped to the length: 206.
    case partial(ClosedRange<Int64>)
    /// A `bytes` range that cannot be served (start past the end, `-0`, an empty file) or
    /// that is malformed: 416 with `Content-Range: bytes */length`. `reason` says which.
    case unsatisfiable(reason: String)

    public init(header: String?, length: Int64) {
        self = ByteRangeSpec(header: header).resolved(length: length, header: header)
    }
}
