/// What is wrong with one option of a provider entry in `plugins.json`.
public struct ProviderOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The option's key, as written in the file.
    public var key: String
    /// What is wrong and what would be right.
    public var problem: String

    public init(key: String, problem: String) {
        self.key = key
        self.problem = problem
    }

    public var description: String { "option \"\(key)\": \(problem)" }
}

/// The `options` object of one provider entry, with typed accessors whose errors name the key.
///
/// A provider reads every option it knows, then calls `rejectUnknownKeys()`, so a typo in
/// `plugins.json` stops the server instead of being silently ignored.
public struct ProviderOptions: Sendable, Hashable {
    public private(set) var values: [String: JSONValue]
    private var readKeys: Set<String> = []

    public init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    /// A string option, or `defaultValue` when absent.
    public mutating func string(_ key: String, default defaultValue: String) throws -> String {
        try optionalString(key) ?? defaultValue
    }

    /// A string option, or `nil` when absent.
    public mutating func optionalString(_ key: String) throws -> String? {
        switch take(key) {
        case nil, .null?: return nil
        case .string(let value)?:
            guard !value.isEmpty else { throw ProviderOptionError(key: key, problem: "must not be empty") }
            return value
        case let other?: throw wrongType(key, expected: "a string", found: other)
        }
    }

    /// A boolean option, or `defaultValue` when absent.
    public mutating func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        switch take(key) {
        case nil, .null?: return defaultValue
        case .bool(let value)?: return value
        case let other?: throw wrongType(key, expected: "true or false", found: other)
        }
    }

    /// A whole-number option within `range`, or `defaultValue` when absent.
    public mutating func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        switch take(key) {
        case nil, .null?: return defaultValue
        case .number(let value)?:
            guard value == value.rounded(), let whole = Int(exactly: value) else {
                throw ProviderOptionError(key: key, problem: "expected a whole number, found \(value)")
            }
            guard range.contains(whole) else {
                throw ProviderOptionError(
                    key: key, problem: "\(whole) is out of range: use a number from \(range.lowerBound) to \(range.upperBound)")
            }
            return whole
        case let other?: throw wrongType(key, expected: "a whole number", found: other)
        }
    }

    /// A list of non-empty strings, or `[]` when absent.
    public mutating func stringList(_ key: String) throws -> [String] {
        switch take(key) {
        case nil, .null?: return []
        case .array(let items)?:
            return try items.map { item in
                guard case .string(let value) = item, !value.isEmpty else {
                    throw ProviderOptionError(key: key, problem: "expected a list of non-empty strings, found \(item.typeName) \(item)")
                }
                return value
            }
        case let other?: throw wrongType(key, expected: "a list of strings", found: other)
        }
    }

    /// Throws for the first key (in sorted order) that no accessor asked for.
    public func rejectUnknownKeys() throws {
        let unknown = Set(values.keys).subtracting(readKeys).sorted()
        guard let first = unknown.first else { return }
        let known = readKeys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
        throw ProviderOptionError(
            key: first, problem: "unknown option; this provider knows \(known.isEmpty ? "no options" : known)")
    }

    private mutating func take(_ key: String) -> JSONValue? {
        readKeys.insert(key)
        return values[key]
    }

    private func wrongType(_ key: String, expected: String, found: JSONValue) -> ProviderOptionError {
        ProviderOptionError(key: key, problem: "expected \(expected), found \(found.typeName) \(found)")
    }
}
