import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport

/// What apps break on (SUBSONIC.md), checked over a whole answer in either encoding: the
/// required fields of each element type, ids as strings, integers within 32 bits (except
/// the schema's longs), no nulls, and in JSON every repeatable element an array even of one.
enum ShapeCheck {
    /// Fields that are ids, so strings in JSON (never numbers) and never empty.
    static let idFields: Set<String> = ["id", "parent", "albumId", "artistId", "coverArt"]
    /// The schema's `long` fields; every other integer is an `int`.
    static let longFields: Set<String> = ["size", "lastModified", "playCount"]

    /// The element type at `path` (element names from the answer's root child down).
    enum Kind { case child, albumID3, artist, artistID3, genre, indexes, artists, directory, none }

    static func kind(of path: [String]) -> Kind {
        switch (path.dropLast().last, path.last) {
        case ("albumList2", "album"), ("artist", "album"), (nil, "album"): .albumID3
        case ("albumList", "album"), ("directory", "child"): .child
        case (_, "song"): .child
        case ("index", "artist") where path.first == "indexes": .artist
        case ("index", "artist"), (nil, "artist"): .artistID3
        case ("genres", "genre"): .genre
        case (nil, "indexes"): .indexes
        case (nil, "artists"): .artists
        case (nil, "directory"): .directory
        default: .none
        }
    }

    static func required(_ kind: Kind) -> [String] {
        switch kind {
        case .child: ["id", "isDir", "title"]
        case .albumID3: ["id", "name", "songCount", "duration", "created"]
        case .artist: ["id", "name"]
        case .artistID3: ["id", "name", "albumCount"]
        case .genre: ["value", "songCount", "albumCount"]
        case .indexes: ["ignoredArticles", "lastModified"]
        case .artists: ["ignoredArticles"]
        case .directory: ["id", "name"]
        case .none: []
        }
    }

    /// Children that the schema allows many of under `parent`: JSON arrays, always.
    static func isRepeatable(_ name: String, under parent: String) -> Bool {
        switch (parent, name) {
        case ("indexes", "index"), ("artists", "index"), ("index", "artist"), ("directory", "child"),
             ("albumList", "album"), ("albumList2", "album"), ("artist", "album"), ("genres", "genre"),
             (_, "song"), (_, "genres"), (_, "artists"), (_, "albumArtists"):
            true
        default:
            false
        }
    }

    // MARK: JSON

    /// Every problem of a JSON `subsonic-response` object (empty when the answer is right).
    static func json(_ response: [String: Any]) -> [String] {
        var problems: [String] = []
        for (key, value) in response where !["status", "version", "type", "serverVersion", "openSubsonic"].contains(key) {
            walk(value, name: key, path: [key], problems: &problems)
        }
        return problems
    }

    private static func walk(_ value: Any, name: String, path: [String], problems: inout [String]) {
        let at = path.joined(separator: ".")
        guard let object = value as? [String: Any] else {
            problems.append("\(at) is not an object")
            return
        }
        for field in required(kind(of: path)) where object[field] == nil {
            problems.append("\(at) lacks \(field)")
        }
        for (key, child) in object {
            let here = "\(at).\(key)"
            if child is NSNull {
                problems.append("\(here) is null")
                continue
            }
            let repeatable = isRepeatable(key, under: name)
            if let items = child as? [Any] {
                if !repeatable { problems.append("\(here) is an array") }
                for item in items {
                    if item is NSNull { problems.append("\(here)[] holds null") }
                    if item is [String: Any] { walk(item, name: key, path: path + [key], problems: &problems) }
                }
            } else if child is [String: Any] {
                if repeatable { problems.append("\(here) is an object, not an array") }
                walk(child, name: key, path: path + [key], problems: &problems)
            } else if idFields.contains(key) {
                if (child as? String)?.isEmpty != false { problems.append("\(here) is not a non-empty string: \(child)") }
            } else if let number = child as? NSNumber, !longFields.contains(key) {
                // Booleans arrive as 0 and 1 here, which fit; only whole numbers are ints.
                let value = number.doubleValue
                if value.rounded() == value, !(Double(Int32.min)...Double(Int32.max)).contains(value) {
                    problems.append("\(here) is beyond 32 bits: \(number)")
                }
            }
        }
    }

    // MARK: XML

    /// Every problem of an XML answer (required attributes, ids, 32-bit integers).
    static func xml(_ data: Data) throws -> [String] {
        let root = try XMLTree(data)
        var problems: [String] = []
        guard root.name == "subsonic-response" else { return ["the root is \(root.name)"] }
        if root.attributes["status"] != "ok" { problems.append("status is \(root.attributes["status"] ?? "absent")") }
        for child in root.children { walk(child, path: [child.name], problems: &problems) }
        return problems
    }

    private static func walk(_ element: XMLTree, path: [String], problems: inout [String]) {
        let at = path.joined(separator: ".")
        for field in required(kind(of: path)) {
            let present = field == "value" ? !(element.text.isEmpty) : element.attributes[field] != nil
            if !present { problems.append("\(at) lacks \(field)") }
        }
        for (key, value) in element.attributes {
            if idFields.contains(key), value.isEmpty { problems.append("\(at)@\(key) is empty") }
            if !idFields.contains(key), !longFields.contains(key), let number = Int64(value), Int32(exactly: number) == nil {
                problems.append("\(at)@\(key) is beyond 32 bits: \(value)")
            }
            if value == "null" || value == "(null)" { problems.append("\(at)@\(key) is null") }
        }
        for child in element.children { walk(child, path: path + [child.name], problems: &problems) }
    }
}

/// An XML answer as a tree: names, attributes, text and children, in order.
final class XMLTree {
    let name: String
    let attributes: [String: String]
    let namespace: String?
    var text = ""
    var children: [XMLTree] = []

    init(name: String, attributes: [String: String], namespace: String?) {
        self.name = name
        self.attributes = attributes
        self.namespace = namespace
    }

    /// Parses a document; its root element.
    convenience init(_ data: Data) throws {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw FixtureError(message: "not well-formed XML: \(String(decoding: data, as: UTF8.self).prefix(500))")
        }
        self.init(name: root.name, attributes: root.attributes, namespace: root.namespace)
        text = root.text
        children = root.children
    }

    /// The children named `name`.
    func all(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    func first(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    final class Builder: NSObject, XMLParserDelegate, @unchecked Sendable {
        var root: XMLTree?
        var open: [XMLTree] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = XMLTree(name: name, attributes: attributes, namespace: namespaceURI)
            if let parent = open.last { parent.children.append(element) } else { root = element }
            open.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            open.last?.text += string
        }
    }
}
