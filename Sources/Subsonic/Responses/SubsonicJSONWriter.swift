/// Writes a Subsonic answer as JSON: attributes as fields (numbers and booleans typed),
/// single children as objects, repeatable ones as arrays, text content as `value`.
///
/// By hand for the same reason as the XML writer: the shape comes from `SubsonicElement`,
/// which `JSONEncoder` cannot follow, and escaping is the only subtle part.
enum SubsonicJSONWriter {
    /// The element's fields as a JSON object (its own name is the caller's key).
    static func writeObject(_ element: SubsonicElement, into out: inout String) {
        out += "{"
        var first = true
        func key(_ name: String) {
            if !first { out += "," }
            first = false
            string(name, into: &out)
            out += ":"
        }
        for (name, value) in element.attributes {
            key(name)
            write(value, into: &out)
        }
        if let text = element.text {
            key("value")
            string(text, into: &out)
        }
        for child in element.children {
            switch child {
            case .single(let single):
                key(single.name)
                writeObject(single, into: &out)
            case .list(let name, let items):
                key(name)
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += "," }
                    writeObject(item, into: &out)
                }
                out += "]"
            case .values(let name, let values):
                key(name)
                out += "["
                for (index, value) in values.enumerated() {
                    if index > 0 { out += "," }
                    write(value, into: &out)
                }
                out += "]"
            }
        }
        out += "}"
    }

    static func write(_ value: SubsonicValue, into out: inout String) {
        switch value {
        case .string(let text): string(text, into: &out)
        case .integer(let number): out += String(number)
        case .number(let number): out += number.description
        case .boolean(let flag): out += flag ? "true" : "false"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
    static func string(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Keeps a JSONP answer safe inside a <script>, and JavaScript's line separators legal.
            case "<": out += "\\u003c"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
