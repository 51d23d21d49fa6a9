import HTTPSupport
import Hummingbird

/// Bounds the requests one client has in progress at once (`ConnectionLimits.maxRequestsPerAddress`).
///
/// The client is `ClientOrigin.address`: behind a trusted proxy the visitor's forwarded
/// address, since there every connection comes from the proxy and the per-address
/// connection limit cannot tell visitors apart. A streamed answer counts until its last
/// byte is written (or the client is dropped), so a visitor cannot hold more than this many
/// streams however many connections the proxy opens for it.
struct RequestLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Bodies up to this size are already in memory and go out in one write; only larger
    /// ones (streams) are wrapped to count until written, so small answers keep
    /// Hummingbird's single-write path.
    static let streamedBodyThreshold = 64 * 1024

    let origin: ClientOrigin
    let requests: InFlightRequests

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let slot = requests.begin(origin.address(of: request, context: context)) else {
            throw APIError(
                status: .tooManyRequests, code: "too_many_requests",
                message: "Too many requests at once from your address. Try again in a moment.",
                headers: [.retryAfter: "2"])
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            slot.end()
            throw error
        }
        guard (response.body.contentLength ?? Int.max) > Self.streamedBodyThreshold else {
            slot.end()
            return response
        }
        let body = response.body
        response.body = ResponseBody(contentLength: body.contentLength) { writer in
            defer { slot.end() }
            try await body.write(writer)
        }
        return response
    }
}
