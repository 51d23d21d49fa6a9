import Foundation
import SourceAPI

/// `plugins.json`: which providers run in this installation, and their options.
///
/// ```json
/// {"providers": [{"id": "local", "type": "LocalFiles", "enabled": true,
///                 "search_timeout_ms": 2000, "options": {"path": "/music"}}]}
/// ```
public struct PluginsFile: Sendable {
    public struct Entry: Sendable {
        public var id: ProviderID
        public var type: String
        public var enabled: Bool
        /// This source's deadline in a federated search.
        public var searchTimeout: Duration
        public var options: ProviderOptions
        /// Position in the file, for error messages.
        public var index: Int
    }

    public var path: String
    public var entries: [Entry]

    static let entryKeys: Set<String> = ["id", "type", "enabled", "options", "search_timeout_ms"]

    /// Reads and checks the file. Every error names the file, the entry and the key.
    public static func load(path: String) throws -> PluginsFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginsFileError(path: path, entry: nil, key: nil,
                                   problem: "cannot read the file: create it (see plugins.json in the repository) or pass --plugins")
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws -> PluginsFile {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw PluginsFileError(path: path, entry: nil, key: nil, problem: "not valid JSON (\(jsonProblem(error)))")
        }
        guard case .object(let top) = root else {
            throw PluginsFileError(path: path, entry: nil, key: nil, problem: "expected an object {\"providers\": [...]}")
        }
        if let unknown = top.keys.first(where: { $0 != "providers" }) {
            throw PluginsFileError(path: path, entry: nil, key: unknown, problem: "unknown key; the file has only \"providers\"")
        }
        guard case .array(let list)? = top["providers"] else {
            throw PluginsFileError(path: path, entry: nil, key: "providers", problem: "expected a list of provider entries")
        }
        var entries: [Entry] = []
        var seen = Set<ProviderID>()
        for (index, item) in list.enumerated() {
            let entry = try parseEntry(item, index: index, path: path)
            guard seen.insert(entry.id).inserted else {
                throw PluginsFileError(path: path, entry: entry.label, key: "id",
                                       problem: "duplicate id \"\(entry.id)\": every provider needs its own id")
            }
            entries.append(entry)
        }
        return PluginsFile(path: path, entries: entries)
    }

    private static func parseEntry(_ item: JSONValue, index: Int, path: String) throws -> Entry {
        let label = "providers[\(index)]"
        guard case .object(let fields) = item else {
            throw PluginsFileError(path: path, entry: label, key: nil, problem: "expected an object with \"id\" and \"type\"")
        }
        func fail(_ key: String, _ problem: String) -> PluginsFileError {
            let name: String = if case .string(let id)? = fields["id"] { "\(label) (id \"\(id)\")" } else { label }
            return PluginsFileError(path: path, entry: name, key: key, problem: problem)
        }
        if let unknown = fields.keys.sorted().first(where: { !entryKeys.contains($0) }) {
            throw fail(unknown, "unknown key; an entry has \(entryKeys.sorted().map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        guard case .string(let id)? = fields["id"] else { throw fail("id", "missing or not a string") }
        guard id.wholeMatch(of: /[a-z][a-z0-9_-]{0,31}/) != nil else {
            throw fail("id", "\"\(id)\" must be lower-case letters, digits, - or _, starting with a letter (at most 32)")
        }
        guard case .string(let type)? = fields["type"] else { throw fail("type", "missing or not a string") }
        var enabled = true
        switch fields["enabled"] {
        case nil: break
        case .bool(let value)?: enabled = value
        case let other?: throw fail("enabled", "expected true or false, found \(other.typeName)")
        }
        var timeout = Duration.seconds(4)
        switch fields["search_timeout_ms"] {
        case nil: break
        case .number(let value)? where value >= 50 && value <= 120_000: timeout = .milliseconds(Int(value))
        case let other?: throw fail("search_timeout_ms", "expected a number of milliseconds from 50 to 120000, found \(other)")
        }
        var options: [String: JSONValue] = [:]
        switch fields["options"] {
        case nil, .null?: break
        case .object(let value)?: options = value
        case let other?: throw fail("options", "expected an object, found \(other.typeName)")
        }
        return Entry(id: ProviderID(id), type: type, enabled: enabled, searchTimeout: timeout,
                     options: ProviderOptions(options), index: index)
    }

    private static func jsonProblem(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        return "\(error)"
    }
}

extension PluginsFile.Entry {
    var label: String { "providers[\(index)] (id \"\(id)\")" }
}

/// A problem in `plugins.json`, said so that the admin can fix it without reading code.
public struct PluginsFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var entry: String?
    public var key: String?
    public var problem: String

    public var description: String {
        var where_ = path
        if let entry { where_ += ": \(entry)" }
        if let key { where_ += ": \"\(key)\"" }
        return "\(where_): \(problem)"
    }
}
