import Foundation
import Hummingbird
import NIOCore

/// Reading request bodies with errors that say what was wrong: 413 past the limit
/// (`NIOTooManyBytesError`, mapped in `APIError`), 415 for a body of another type, 400 for
/// a missing or malformed one.
extension Request {
    static let maximumBodyBytes = 256 * 1024

    /// A JSON body decoded as `T`; a missing, malformed or mistyped body is a 400 naming the
    /// problem, a body sent as anything but `application/json` a 415. (A page of another
    /// site can post text/plain or a form without asking, never application/json.)
    func json<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer = try await boundedBody()
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("this request needs a JSON body") }
        try requireMediaType("application/json")
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.badRequest("the JSON body lacks \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.badRequest("\"\(path)\" in the JSON body has the wrong type: \(context.debugDescription)")
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
    }

    /// An `application/x-www-form-urlencoded` body (OAuth2 token requests) decoded as `T`;
    /// a non-empty body of another type is a 415.
    func form<T: Decodable>(_ type: T.Type) async throws -> T {
        try decodeForm(T.self, from: try await boundedBody())
    }

    /// Like `form`, for a route whose form is optional: nil for an empty body.
    func optionalForm<T: Decodable>(_ type: T.Type) async throws -> T? {
        let buffer = try await boundedBody()
        guard buffer.readableBytes > 0 else { return nil }
        return try decodeForm(T.self, from: buffer)
    }

    /// The body's media type, lowercased and without parameters (`application/json` for
    /// `Application/JSON; charset=utf-8`); nil without a Content-Type.
    ///
    /// Hand-written rather than Hummingbird's `MediaType(from:)`: that parser keeps the
    /// optional whitespace before `;` (RFC 9110) in the subtype, so `application/json
    /// ;charset=utf-8` would not match, and its matching treats a type spelled `any` as a
    /// wildcard, which has no place in a Content-Type.
    private var bodyMediaType: String? {
        guard let header = headers[.contentType] else { return nil }
        let essence = header.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return essence.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private func requireMediaType(_ expected: String) throws {
        guard bodyMediaType == expected else {
            throw APIError.unsupportedMediaType(expected: expected, got: headers[.contentType])
        }
    }

    private func boundedBody() async throws -> ByteBuffer {
        try await body.collect(upTo: Self.maximumBodyBytes)
    }

    private func decodeForm<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer) throws -> T {
        // An empty body goes to the decoder, which names the field that is missing.
        if buffer.readableBytes > 0 { try requireMediaType("application/x-www-form-urlencoded") }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw APIError.badRequest("the body must be a form (application/x-www-form-urlencoded): \(error)")
        }
    }
}
