import Foundation
import HTTPTypes
import HTTPSupport
import Host
import Hummingbird
import NIOCore

/// An error as every client sees it: `{"error": {"code", "message"}}` with its status.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var headers: HTTPFields = [:]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONEncoder().encode(["error": ["code": code, "message": message]])
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "bad_request", message: message)
    }

    /// A change from another site's page, refused by `SameOriginPolicy`.
    static func crossOriginRefused(_ message: String) -> APIError {
        APIError(status: .forbidden, code: "cross_origin_refused", message: message)
    }

    /// A body of another type than the route reads (`expected` is its media type).
    static func unsupportedMediaType(expected: String, got: String?) -> APIError {
        APIError(
            status: .unsupportedMediaType, code: "unsupported_media_type",
            message: "this request needs a body of type \(expected) (Content-Type), not \(got.map { "\($0.prefix(100))" } ?? "one without a Content-Type")")
    }

    /// The one place where errors from the engine become HTTP answers.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HostError:
            switch error {
            case .notFound: return APIError(status: .notFound, code: "not_found", message: error.description)
            case .invalidInput: return APIError(status: .badRequest, code: "bad_request", message: error.description)
            case .unavailable: return APIError(status: .serviceUnavailable, code: "unavailable", message: error.description)
            case .conflict: return APIError(status: .conflict, code: "conflict", message: error.description)
            case .gone: return APIError(status: .gone, code: "gone", message: error.description)
            case .sourceFailed: return APIError(status: .badGateway, code: "source_unavailable", message: error.description)
            case .busy(_, let seconds):
                return APIError(status: .serviceUnavailable, code: "unavailable", message: error.description, headers: [.retryAfter: "\(seconds)"])
            }
        case let error as AccountError:
            switch error {
            case .invalidCredentials(let message):
                return APIError(
                    status: .unauthorized, code: "unauthorized", message: message, headers: [.wwwAuthenticate: "Bearer"])
            case .forbidden(let code, let message):
                return APIError(status: .forbidden, code: code, message: message)
            case .throttled(let seconds, _):
                return APIError(
                    status: .tooManyRequests, code: "too_many_requests", message: error.description,
                    headers: [.retryAfter: "\(seconds)"])
            case .busy(let seconds):
                return APIError(
                    status: .serviceUnavailable, code: "unavailable", message: error.description, headers: [.retryAfter: "\(seconds)"])
            }
        case let refusal as HTTPRefusal:
            return APIError(status: refusal.status, code: refusal.code, message: refusal.message, headers: refusal.headers)
        case is NIOTooManyBytesError:
            // Thrown by `collect(upTo:)` when a body passes its limit: the client's doing,
            // so a 413 that says the limit, and no error in the log. Not `error.maxBytes`:
            // NIO puts there what was left of the limit after the first chunk.
            let limit = Request.maximumBodyBytes
            let size = limit % 1024 == 0 ? "\(limit / 1024) KiB" : "\(limit) bytes"
            return APIError(status: .contentTooLarge, code: "too_large", message: "the body is larger than \(size), the most this server reads")
        case let error as HTTPError:
            let message = error.body ?? (error.status == .notFound ? "no such route" : error.status.reasonPhrase)
            return APIError(status: error.status, code: Self.code(for: error.status), message: message)
        default:
            return APIError(status: .internalServerError, code: "internal", message: "internal error; the server log has the details")
        }
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "unauthorized"
        case 403: "forbidden"
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "too_large"
        case 415: "unsupported_media_type"
        case 400..<500: "bad_request"
        default: "internal"
        }
    }
}

/// Turns every error thrown below it into the JSON error shape, and logs the unexpected ones.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let answer = APIError.from(error)
            if answer.status == .internalServerError {
                context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            }
            throw answer
        }
    }
}
