import Foundation
import HTTPSupport
import Host
import Hummingbird

/// "Sign in with Google": `/auth/google/start` sends the browser to the issuer, and
/// `/auth/google/callback` brings it back signed in (the session cookies set), to the
/// page it started from. Failures land on `/?auth_error=...` for the web page to show.
///
/// The callback is a cross-site top-level GET (the issuer sends the browser back), so the
/// Origin check of the other sign-in routes cannot apply. Instead the attempt is tied to
/// the browser that started it: `start` puts its state in a cookie, and the callback
/// accepts a state only from the browser holding it. Otherwise anyone could start a
/// sign-in with their own Google account and have someone else's browser open the
/// callback link, signing that browser in as them (login CSRF).
struct GoogleSignInRoutes {
    let signIn: OpenIDSignIn
    let accounts: Accounts
    let origin: ClientOrigin

    func addPublic(to router: Router<AppRequestContext>) {
        router.get("/auth/google/start") { request, _ in
            let returnTo = Self.localPath(try request.query.string("redirect", maxLength: 500))
            let url = try await signIn.start(redirectURI: callbackURL(request), returnTo: returnTo)
            // The state is read back from the URL: it is there to travel to the issuer anyway.
            let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            guard let state = query.first(where: { $0.name == "state" })?.value else {
                throw HostError.unavailable("the sign-in URL has no state")
            }
            var response = Response(status: .found, headers: [.location: url.absoluteString, .cacheControl: "no-store"])
            AttemptCookie.set(state, on: &response, secure: origin.isSecure(request))
            return response
        }
        router.get("/auth/google/callback") { request, _ in
            var response: Response
            do {
                if let error = try request.query.string("error", maxLength: 200) {
                    throw AccountError.invalidCredentials("Google sign-in was cancelled or refused (\(error))")
                }
                guard let code = try request.query.string("code", maxLength: 2000),
                    let state = try request.query.string("state", maxLength: 200)
                else { throw APIError.badRequest("the callback needs code and state") }
                guard request.cookies[AttemptCookie.name]?.value == state else {
                    throw AccountError.invalidCredentials(
                        "this Google sign-in was not started in this browser, or another was started since; start it again")
                }
                let (session, returnTo) = try await signIn.finish(code: code, state: state)
                response = Response(status: .found, headers: [.location: returnTo, .cacheControl: "no-store"])
                SessionCookies.set(
                    session, on: &response, secure: origin.isSecure(request), refreshLifetime: accounts.settings.refreshTokenLifetime)
            } catch {
                let message = APIError.from(error).message
                var components = URLComponents()
                components.path = "/"
                components.queryItems = [URLQueryItem(name: "auth_error", value: message)]
                response = Response(status: .found, headers: [.location: components.string ?? "/", .cacheControl: "no-store"])
            }
            AttemptCookie.clear(on: &response, secure: origin.isSecure(request))
            return response
        }
    }

    private func callbackURL(_ request: Request) -> String {
        origin.baseURL(of: request) + "/auth/google/callback"
    }

    /// The cookie that ties a sign-in attempt to its browser: HttpOnly, for /auth/google
    /// only, and Lax, which a cross-site top-level GET (the issuer's redirect) still carries.
    /// No Max-Age: the attempt itself expires on the server.
    enum AttemptCookie {
        static let name = "myspotify_google_state"

        static func set(_ state: String, on response: inout Response, secure: Bool) {
            response.setCookie(Cookie(name: name, value: state, path: "/auth/google", secure: secure, httpOnly: true, sameSite: .lax))
        }

        static func clear(on response: inout Response, secure: Bool) {
            response.setCookie(Cookie(name: name, value: "", maxAge: 0, path: "/auth/google", secure: secure, httpOnly: true, sameSite: .lax))
        }
    }

    /// Only a path on this server: never another site (an open redirect).
    static func localPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\") else { return "/" }
        return candidate
    }
}
