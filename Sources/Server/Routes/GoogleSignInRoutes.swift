import Foundation
import Host
import Hummingbird

/// "Sign in with Google": `/auth/google/start` sends the browser to the issuer, and
/// `/auth/google/callback` brings it back signed in (the session cookies set), to the
/// page it started from. Failures land on `/?auth_error=...` for the web page to show.
struct GoogleSignInRoutes {
    let signIn: OpenIDSignIn
    let accounts: Accounts
    let origin: ClientOrigin

    func addPublic(to router: Router<AppRequestContext>) {
        router.get("/auth/google/start") { request, _ in
            let returnTo = Self.localPath(try request.query.string("redirect", maxLength: 500))
            let url = try await signIn.start(redirectURI: callbackURL(request), returnTo: returnTo)
            return Response(status: .found, headers: [.location: url.absoluteString, .cacheControl: "no-store"])
        }
        router.get("/auth/google/callback") { request, _ in
            do {
                if let error = try request.query.string("error", maxLength: 200) {
                    throw AccountError.invalidCredentials("Google sign-in was cancelled or refused (\(error))")
                }
                guard let code = try request.query.string("code", maxLength: 2000),
                    let state = try request.query.string("state", maxLength: 200)
                else { throw APIError.badRequest("the callback needs code and state") }
                let (session, returnTo) = try await signIn.finish(code: code, state: state)
                var response = Response(status: .found, headers: [.location: returnTo, .cacheControl: "no-store"])
                SessionCookies.set(
                    session, on: &response, secure: origin.isSecure(request), refreshLifetime: accounts.settings.refreshTokenLifetime)
                return response
            } catch {
                let message = APIError.from(error).message
                var components = URLComponents()
                components.path = "/"
                components.queryItems = [URLQueryItem(name: "auth_error", value: message)]
                return Response(status: .found, headers: [.location: components.string ?? "/", .cacheControl: "no-store"])
            }
        }
    }

    private func callbackURL(_ request: Request) -> String {
        origin.baseURL(of: request) + "/auth/google/callback"
    }

    /// Only a path on this server: never another site (an open redirect).
    static func localPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\") else { return "/" }
        return candidate
    }
}
