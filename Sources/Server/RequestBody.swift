import Foundation
import Hummingbird

/// Reading request bodies with errors that say what was wrong.
extension Request {
    static let maximumBodyBytes = 256 * 1024

    /// A JSON body decoded as `T`; a missing, malformed or mistyped body is a 400 naming the problem.
    func json<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer = try await body.collect(upTo: Self.maximumBodyBytes)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("this request needs a JSON body") }
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

    /// An `application/x-www-form-urlencoded` body (OAuth2 token requests) decoded as `T`.
    func form<T: Decodable>(_ type: T.Type) async throws -> T {
        let buffer = try await body.collect(upTo: Self.maximumBodyBytes)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw APIError.badRequest("the body must be a form (application/x-www-form-urlencoded): \(error)")
        }
    }
}
