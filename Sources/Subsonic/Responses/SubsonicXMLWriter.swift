/// Writes a Subsonic answer as XML: attributes for values, one element per list item,
/// text content for `text`.
///
/// By hand (no XML library is among the packages used here, and this is a writer of a
/// fixed shape, not a parser): the one care is escaping, and dropping the characters XML
/// 1.0 cannot hold at all, which tags from the library folder may contain.
enum SubsonicXMLWriter {
    static func write(_ element: SubsonicElement, into out: inout String, namespace: String? = nil) {
        out += "<"
        out += element.name
        if let namespace {
            out += " xmlns=\""
            out += namespace
            out += "\""
        }
        for (key, value) in element.attributes {
            out += " "
            out += key
            out += "=\""
            write(value, into: &out)
            out += "\""
        }
        let hasContent = element.text != nil || element.children.contains {
            switch $0 {
            case .single: true
            case .list(_, let items): !items.isEmpty
            case .values(_, let values): !values.isEmpty
            }
        }
        guard hasContent else {
            out += "/>"
            return
        }
        out += ">"
        if let text = element.text { escape(text, into: &out) }
        for child in element.children {
            switch child {
            case .single(let single): write(single, into: &out)
            case .list(_, let items): for item in items { write(item, into: &out) }
            case .values(let name, let values):
                for value in values {
                    out += "<\(name)>"
                    write(value, into: &out)
                    out += "</\(name)>"
                }
            }
        }
        out += "</"
        out += element.name
        out += ">"
    }

    static func write(_ value: SubsonicValue, into out: inout String) {
        switch value {
        case .string(let text): escape(text, into: &out)
        case .integer(let number): out += String(number)
        case .number(let number): out += number.description
        case .boolean(let flag): out += flag ? "true" : "false"
        }
    }

    /// Escapes markup characters; keeps line breaks and tabs as character references so
    /// attribute normalisation does not turn them into spaces; replaces characters XML 1.0
    /// does not allow (most control characters, lone surrogates cannot occur in a Swift
    /// String) with U+FFFD.
    static func escape(_ text: String, into out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF {
                    out.unicodeScalars.append("\u{FFFD}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
