import Foundation
import Host
import Hummingbird
import NIOCore

/// An error of the OAuth2 token endpoint in the shape OAuth2 clients read (RFC 6749 §5.2):
/// `{"error": "invalid_grant", "error_description": "..."}`.
struct OAuthErrorAnswer: Error {
    var status: HTTPResponse.Status
    var code: String
    var description: String
    var retryAfter: Int?

    static func unsupportedGrant(_ grant: String) -> OAuthErrorAnswer {
        OAuthErrorAnswer(
            status: .badRequest, code: "unsupported_grant_type",
            description: "grant_type must be password or refresh_token, got \"\(grant)\"")
    }

    init(status: HTTPResponse.Status, code: String, description: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.description = description
        self.retryAfter = retryAfter
    }

    init(_ error: any Error) {
        switch error {
        case let error as OAuthErrorAnswer:
            self = error
        case AccountError.invalidCredentials(let message):
            self.init(status: .badRequest, code: "invalid_grant", description: message)
        case AccountError.throttled(let seconds, _):
            self.init(status: .tooManyRequests, code: "too_many_requests", description: "\(error)", retryAfter: seconds)
        case AccountError.busy(let seconds):
            self.init(status: .serviceUnavailable, code: "temporarily_unavailable", description: "\(error)", retryAfter: seconds)
        case AccountError.forbidden(_, let message):
            self.init(status: .badRequest, code: "invalid_grant", description: message)
        default:
            // RFC 6749 names the 400s; another refusal (403 cross_origin_refused, 413
            // too_large, 415 unsupported_media_type) keeps the code every other route uses.
            let answer = APIError.from(error)
            let code = answer.status == .badRequest ? "invalid_request" : answer.status.code >= 500 ? "server_error" : answer.code
            self.init(status: answer.status, code: code, description: answer.message)
        }
    }

    var response: Response {
        let body = (try? JSONEncoder().encode(["error": code, "error_description": description])) ?? Data()
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
