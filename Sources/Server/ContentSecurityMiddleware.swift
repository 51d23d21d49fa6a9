import HTTPTypes
import Hummingbird

/// Puts `X-Content-Type-Options: nosniff` and a Content-Security-Policy that allows nothing
/// on every answer that does not carry a policy of its own: API JSON, errors, covers,
/// streams, `/auth`, `/healthz`. Only the web app's files (`WebAppMiddleware`) bring their
/// own policy, which is kept.
///
/// Should a byte ever be served that a browser could take for a page (a hostile "cover", a
/// file that is not what its name says), opened directly it can run nothing, load nothing
/// and be framed by no one: `sandbox` gives it an opaque origin, so even a script could not
/// read `/api/me` with the user's cookies. The policy does not affect `<img>` and `<audio>`
/// use of these answers.
struct ContentSecurityMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policyName: HTTPField.Name { HTTPField.Name("Content-Security-Policy")! }
    static var noSniffName: HTTPField.Name { HTTPField.Name("X-Content-Type-Options")! }
    static var policy: String { "default-src 'none'; frame-ancestors 'none'; sandbox" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Errors become answers here rather than further out, so they get the headers too.
            response = try error.response(from: request, context: context)
        }
        response.headers[Self.noSniffName] = "nosniff"
        if response.headers[Self.policyName] == nil {
            response.headers[Self.policyName] = Self.policy
        }
        return response
    }
}
