import Foundation

/// One element of a Subsonic answer, the single model behind XML, JSON and JSONP.
///
/// Written by hand rather than through `Codable`: the two encodings disagree in ways
/// `Codable` cannot express. An element the schema allows many times is always a JSON
/// array (even with one item), a single one an object; XML text content is JSON's `value`;
/// absent values are left out of both. Each element says which of its children are lists,
/// and the writers follow that.
public struct SubsonicElement: Sendable {
    public let name: String
    private(set) var attributes: [(key: String, value: SubsonicValue)] = []
    private(set) var children: [Member] = []
    /// XML text content; `value` in JSON (a genre's name, a lyrics line).
    private(set) var text: String?

    /// A child of an element, or a part of an answer.
    public enum Member: Sendable {
        case single(SubsonicElement)
        /// A repeatable element: a JSON array named `name`, one XML element per item.
        case list(name: String, [SubsonicElement])
        /// Repeatable plain values (`versions`, `isrc`): a JSON array of them, one XML
        /// element per value holding it as text.
        case values(name: String, [SubsonicValue])
    }

    public init(_ name: String) {
        self.name = name
    }

    // MARK: Attributes (an absent value is left out, never written as null)

    public mutating func set(_ key: String, _ value: String?) {
        if let value { attributes.append((key, .string(value))) }
    }

    public mutating func set(_ key: String, _ value: Int?) {
        if let value { attributes.append((key, .integer(Int64(value)))) }
    }

    public mutating func set(_ key: String, _ value: Int64?) {
        if let value { attributes.append((key, .integer(value))) }
    }

    public mutating func set(_ key: String, _ value: Bool?) {
        if let value { attributes.append((key, .boolean(value))) }
    }

    public mutating func set(_ key: String, _ value: Double?) {
        if let value, value.isFinite { attributes.append((key, .number(value))) }
    }

    /// An ISO 8601 UTC time with milliseconds, as clients parse it.
    public mutating func set(_ key: String, _ value: Date?) {
        if let value { attributes.append((key, .string(SubsonicDate.string(from: value)))) }
    }

    /// An `int` of the schema: clients read it into 32 bits, so it is clamped to them.
    public mutating func set(int32 key: String, _ value: Int?) {
        if let value { attributes.append((key, .integer(Int64(max(Int(Int32.min), min(Int(Int32.max), value)))))) }
    }

    public mutating func setText(_ text: String) {
        self.text = text
    }

    // MARK: Children

    public mutating func append(_ element: SubsonicElement) {
        children.append(.single(element))
    }

    public mutating func append(_ member: Member) {
        children.append(member)
    }

    /// A repeatable child, `[]` in JSON when empty.
    public mutating func append(list name: String, _ elements: [SubsonicElement]) {
        children.append(.list(name: name, elements))
    }

    /// Repeatable plain values, `[]` in JSON when empty.
    public mutating func append(values name: String, _ values: [SubsonicValue]) {
        children.append(.values(name: name, values))
    }

    /// The element with `build` applied, for building answers in one expression.
    public func with(_ build: (inout SubsonicElement) -> Void) -> SubsonicElement {
        var copy = self
        build(&copy)
        return copy
    }
}

/// An attribute's value, typed so JSON writes numbers and booleans as such.
public enum SubsonicValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
}
