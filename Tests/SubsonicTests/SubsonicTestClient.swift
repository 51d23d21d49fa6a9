import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

/// Calls `/rest` on a live test server the way apps do: credentials in the parameters,
/// GET by default, a form POST when asked, JSON or XML answers.
struct SubsonicTestClient: Sendable {
    let client: any TestClientProtocol
    /// The credential parameters sent with every call (`u`+`p`, `u`+`t`+`s`, `apiKey`).
    var credentials: [(String, String)]
    var clientName = "SubsonicTests"
    /// Sent with every call (`X-Real-IP`, to come from an address behind a trusted proxy).
    var headers: HTTPFields = [:]

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    func query(_ parameters: [(String, String)], format: String?) -> String {
        var all = credentials + [("v", "1.16.1"), ("c", clientName)] + parameters
        if let format { all.append(("f", format)) }
        return all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// The raw answer of `method`.
    func raw(_ method: String, _ parameters: [(String, String)] = [], format: String? = "json", post: Bool = false) async throws -> TestResponse {
        let text = query(parameters, format: format)
        if post {
            return try await client.executeRequest(
                uri: "/rest/\(method)", method: .post, headers: headers + [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: text))
        }
        return try await client.executeRequest(uri: "/rest/\(method)?\(text)", method: .get, headers: headers, body: nil)
    }

    /// The `subsonic-response` object of a JSON answer (HTTP 200 always).
    func call(_ method: String, _ parameters: [(String, String)] = [], post: Bool = false) async throws -> [String: Any] {
        let answer = try await raw(method, parameters, post: post)
        #expect(answer.status == .ok, "\(method) answered HTTP \(answer.status)")
        guard let root = try JSONSerialization.jsonObject(with: Data(answer.body.readableBytesView)) as? [String: Any],
              let response = root["subsonic-response"] as? [String: Any]
        else { throw FixtureError(message: "\(method): not a subsonic-response: \(String(buffer: answer.body))") }
        return response
    }

    /// A call that must succeed; its response object.
    func ok(_ method: String, _ parameters: [(String, String)] = [], post: Bool = false) async throws -> [String: Any] {
        let response = try await call(method, parameters, post: post)
        guard response["status"] as? String == "ok" else {
            throw FixtureError(message: "\(method) failed: \(response["error"] ?? "")")
        }
        return response
    }

    /// The error code of a call that must fail.
    func errorCode(_ method: String, _ parameters: [(String, String)] = []) async throws -> Int? {
        let response = try await call(method, parameters)
        #expect(response["status"] as? String == "failed", "\(method) did not fail")
        return (response["error"] as? [String: Any])?["code"] as? Int
    }
}

/// The root element, its attributes, and every element under it, of an XML answer.
struct XMLDocument {
    var elements: [(name: String, attributes: [String: String], namespace: String?)] = []

    init(_ data: Data) throws {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = collector
        guard parser.parse() else { throw FixtureError(message: "not well-formed XML: \(String(decoding: data, as: UTF8.self))") }
        elements = collector.elements
    }

    final class Collector: NSObject, XMLParserDelegate, @unchecked Sendable {
        var elements: [(name: String, attributes: [String: String], namespace: String?)] = []
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((name, attributes, namespaceURI))
        }
    }
}
