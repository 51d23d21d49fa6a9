import HTTPTypes
import Host
import Hummingbird

/// Lets a request through only with a valid access token, from the Authorization header
/// (API clients) or the session cookie (the web page, whose `<audio>` and `<img>` cannot
/// send headers), and puts the user in the context.
struct AuthMiddleware: RouterMiddleware {
    let accounts: Accounts

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let token = Self.accessToken(in: request) else {
            throw AccountError.invalidCredentials("sign in first: send Authorization: Bearer <token> or the session cookie")
        }
        var context = context
        context.identity = try await accounts.authenticate(accessToken: token)
        return try await next(request, context)
    }

    static func accessToken(in request: Request) -> String? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
            return nil
        }
        return request.cookies[SessionCookies.accessName]?.value
    }
}

/// Lets only admins through (403 for everyone else). Goes after `AuthMiddleware`.
struct AdminMiddleware: RouterMiddleware {
    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard try context.user.isAdmin else {
            throw AccountError.forbidden(code: "forbidden", message: "this needs an admin account")
        }
        return try await next(request, context)
    }
}
