import Foundation
import HTTPSupport

/// The parameters of one Subsonic call: the query string and, for a form POST (the
/// `formPost` extension), the body, merged; a repeated name (`id=1&id=2`) is a list.
/// Typed accessors answer the protocol's errors (10 for a missing one, 0 naming a bad one).
public struct SubsonicParameters: Sendable {
    private var values: [String: [String]] = [:]

    public init(pairs: [(String, String)]) {
        for (name, value) in pairs { values[name, default: []].append(value) }
    }

    /// Pairs from `application/x-www-form-urlencoded` text (a query string or a body).
    public static func pairs(fromForm text: Substring) -> [(String, String)] {
        FormEncoding.pairs(text).map { ($0.name, $0.value) }
    }

    /// The first value of `name`, nil when absent.
    public func string(_ name: String) -> String? {
        values[name]?.first
    }

    /// Every value of `name`, in order.
    public func strings(_ name: String) -> [String] {
        values[name] ?? []
    }

    public func required(_ name: String) throws -> String {
        guard let value = string(name), !value.isEmpty else { throw SubsonicError.missing(name) }
        return value
    }

    /// A whole number within `range`; absent or empty is nil, anything else a clear error.
    public func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let text = string(name), !text.isEmpty else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw SubsonicError(.generic, "\(name) must be a whole number, got \"\(text.prefix(40))\"")
        }
        guard range.contains(value) else {
            throw SubsonicError(.generic, "\(name) must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }

    /// `true`/`false` (also `1`/`0`), case-insensitive.
    public func bool(_ name: String) throws -> Bool? {
        guard let text = string(name)?.lowercased(), !text.isEmpty else { return nil }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw SubsonicError(.generic, "\(name) must be true or false, got \"\(text.prefix(40))\"")
        }
    }

    /// Every value of `name` as a whole number (`songIndexToRemove`).
    public func ints(_ name: String) throws -> [Int] {
        try strings(name).map { text in
            guard let value = Int(text) else { throw SubsonicError(.generic, "\(name) must be whole numbers, got \"\(text.prefix(40))\"") }
            return value
        }
    }

    /// The names present, for telling credentials apart (`u`, `p`, `t`, `s`, `apiKey`).
    public func has(_ name: String) -> Bool { values[name] != nil }
}
