import HTTPTypes
import HTTPSupport
import Host
import Hummingbird

/// Lets a request through only with a valid access token, from the Authorization header
/// (API clients) or the session cookie (the web page, whose `<audio>` and `<img>` cannot
/// send headers), and puts the user in the context. A change carried by the cookie must
/// also come from this server's own pages (`SameOriginPolicy`): this is where the
/// credential is picked, so it is where the cookie's extra rule is applied.
struct AuthMiddleware: RouterMiddleware {
    let accounts: Accounts
    let sameOrigin: SameOriginPolicy

    /// Where a request's access token came from.
    enum Credential {
        case bearer(String)
        case sessionCookie(String)

        var token: String {
            switch self {
            case .bearer(let token), .sessionCookie(let token): token
            }
        }
    }

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let credential = Self.credential(in: request) else {
            throw AccountError.invalidCredentials("sign in first: send Authorization: Bearer <token> or the session cookie")
        }
        if case .sessionCookie = credential { try sameOrigin.requireOwnPage(request) }
        var context = context
        context.identity = try await accounts.authenticate(accessToken: credential.token)
        return try await next(request, context)
    }

    /// The bearer token when there is an Authorization header (a header of another
    /// scheme is no credential, and the cookie is then not looked at), else the cookie.
    static func credential(in request: Request) -> Credential? {
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return .bearer(String(parts[1])) }
            return nil
        }
        return request.cookies[SessionCookies.accessName].map { .sessionCookie($0.value) }
    }

    static func accessToken(in request: Request) -> String? {
        credential(in: request)?.token
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
