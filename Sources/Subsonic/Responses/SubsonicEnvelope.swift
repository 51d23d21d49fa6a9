import Foundation

/// The `subsonic-response` wrapper of every answer, and its encoding in the format the
/// client asked for (`f`): XML when absent (DSub sends none), JSON, or JSONP.
public struct SubsonicEnvelope: Sendable {
    /// The Subsonic API version this server speaks.
    public static let apiVersion = "1.16.1"
    public static let serverType = "MySpotify"
    public static let namespace = "http://subsonic.org/restapi"

    public var serverVersion: String
    public var failure: SubsonicError?
    /// The answer's parts (none for `ping`).
    public var payload: [SubsonicElement.Member]

    public static func ok(_ payload: [SubsonicElement.Member], serverVersion: String) -> SubsonicEnvelope {
        SubsonicEnvelope(serverVersion: serverVersion, failure: nil, payload: payload)
    }

    public static func failed(_ error: SubsonicError, serverVersion: String) -> SubsonicEnvelope {
        SubsonicEnvelope(serverVersion: serverVersion, failure: error, payload: [])
    }

    var root: SubsonicElement {
        var root = SubsonicElement("subsonic-response")
        root.set("status", failure == nil ? "ok" : "failed")
        root.set("version", Self.apiVersion)
        root.set("type", Self.serverType)
        root.set("serverVersion", serverVersion)
        root.set("openSubsonic", true)
        if let failure { root.append(failure.element) }
        for member in payload { root.append(member) }
        return root
    }

    /// The body and its content type.
    public func encoded(as format: SubsonicFormat) -> (body: String, contentType: String) {
        var out = ""
        switch format {
        case .xml:
            out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            SubsonicXMLWriter.write(root, into: &out, namespace: Self.namespace)
            return (out, "application/xml; charset=utf-8")
        case .json:
            out += "{\"subsonic-response\":"
            SubsonicJSONWriter.writeObject(root, into: &out)
            out += "}"
            return (out, "application/json; charset=utf-8")
        case .jsonp(let callback):
            out += callback
            out += "({\"subsonic-response\":"
            SubsonicJSONWriter.writeObject(root, into: &out)
            out += "});"
            return (out, "application/javascript; charset=utf-8")
        }
    }
}

/// How the client wants its answers (`f`).
public enum SubsonicFormat: Sendable, Equatable {
    case xml
    case json
    /// JSON wrapped in a call of `callback`, which must be a plain JavaScript name so that
    /// the answer cannot carry script of the requester's choosing.
    case jsonp(callback: String)

    /// `f` and `callback` as sent; an unknown `f` answers in XML (the protocol's default).
    public init(f: String?, callback: String?) throws {
        switch f?.lowercased() {
        case "json": self = .json
        case "jsonp":
            guard let callback, !callback.isEmpty else { throw SubsonicError.missing("callback") }
            guard callback.count <= 100, Self.isIdentifierPath(callback) else {
                throw SubsonicError(.generic, "callback must be a JavaScript name such as handleAnswer or app.onAnswer")
            }
            self = .jsonp(callback: callback)
        default: self = .xml
        }
    }

    /// `name` or `name.name...`, each an ASCII JavaScript identifier.
    static func isIdentifierPath(_ text: String) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.unicodeScalars.first, !part.isEmpty else { return false }
            let isStart = { (c: Unicode.Scalar) in c.isASCII && (c.properties.isAlphabetic || c == "_" || c == "$") }
            return isStart(first) && part.unicodeScalars.allSatisfy { isStart($0) || ("0"..."9").contains($0) }
        }
    }
}
