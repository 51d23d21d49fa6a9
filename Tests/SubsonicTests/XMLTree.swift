import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport

/// An XML answer as a tree: each element's name, attributes, text and children, for answers
/// whose text content matters (a lyrics `<line>` holds its words as text).
final class XMLTree: @unchecked Sendable {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [XMLTree] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The root of `data`, parsed with namespaces (throws when it is not well-formed).
    static func parse(_ data: Data) throws -> XMLTree {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw FixtureError(message: "not well-formed XML: \(String(decoding: data, as: UTF8.self))")
        }
        return root
    }

    /// The children named `name`.
    func all(_ name: String) -> [XMLTree] { children.filter { $0.name == name } }

    /// The first child named `name`.
    func first(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    final class Builder: NSObject, XMLParserDelegate, @unchecked Sendable {
        var root: XMLTree?
        var open: [XMLTree] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = XMLTree(name: name, attributes: attributes)
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
