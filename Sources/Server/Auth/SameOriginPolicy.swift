import Foundation
import HTTPTypes
import Hummingbird

/// Which page a browser sent a request from, read from the headers browsers set
/// themselves and no page can forge: `Sec-Fetch-Site` (Fetch Metadata) when present, else
/// `Origin` compared with the server's own origins (`ClientOrigin.ownOrigins`: the public
/// URL's and the one the request was sent to, forwarded headers only from a trusted proxy).
///
/// Why it exists: the session cookie is ambient. The browser attaches it to a request
/// whatever page made it, and SameSite=Lax does not stop a page on another port of the
/// same host (same site), nor a cross-site top-level form post that sets cookies. A cookie
/// alone therefore does not show that the person meant the change; these headers do. A
/// bearer token needs no such check: a page can put Authorization on a request to another
/// origin only after a CORS preflight, and this server approves none.
///
/// It is applied at the two doors of the cookie: `AuthMiddleware`, the one place that
/// picks the credential of a signed-in route (so no route can forget the rule and a
/// bearer request is never judged), and the sign-in routes that set or clear the cookies.
struct SameOriginPolicy: Sendable {
    let origin: ClientOrigin

    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let safeMethods: Set<HTTPRequest.Method> = [.get, .head, .options]

    /// What a request's browser headers say about the page that sent it.
    enum Sender {
        /// A page of this server (`same-origin`, or an `Origin` of its own).
        case ownPage
        /// The person, with no page involved (`Sec-Fetch-Site: none`: address bar, bookmark).
        case person
        /// Another origin's page, described for the error message.
        case foreign(String)
        /// Neither header: a client other than a browser (curl, apps).
        case unknown
    }

    func sender(of request: Request) -> Sender {
        if let site = request.headers[Self.fetchSite]?.trimmingCharacters(in: .whitespaces).lowercased() {
            switch site {
            case "same-origin": return .ownPage
            case "none": return .person
            // same-site (another port or subdomain), cross-site, or anything unknown.
            default: return .foreign("a \(site.prefix(40)) page")
            }
        }
        if let value = request.headers[.origin] {
            if let sent = WebOrigin(value), origin.ownOrigins(of: request).contains(sent) { return .ownPage }
            return .foreign("a page of \(value.prefix(200))")
        }
        return .unknown
    }

    /// For a request authenticated by the session cookie: a change (any method but GET,
    /// HEAD and OPTIONS) must come from this server's own pages.
    ///
    /// A change with neither header is refused too. Every browser in use sends `Origin`
    /// on such a request (Chromium and Safari always, Firefox since 70) and most also
    /// `Sec-Fetch-Site`, so a cookie without them comes from an old or unusual browser
    /// that cannot show where it was sent from, or from a tool holding a browser's
    /// cookie; tools and apps sign in for a bearer token instead (the cookie exists for
    /// the page's `<audio>` and `<img>`, which cannot send headers).
    func requireOwnPage(_ request: Request) throws {
        guard !Self.safeMethods.contains(request.method) else { return }
        switch sender(of: request) {
        case .ownPage:
            return
        case .foreign(let page):
            throw APIError.crossOriginRefused(
                "refused: this change came from \(page), not from this server's own pages; "
                    + "with the session cookie, only the web app itself may make changes (other clients send a bearer token)")
        case .person, .unknown:
            throw APIError.crossOriginRefused(
                "refused: a change made with the session cookie needs the browser's Origin or Sec-Fetch-Site header; "
                    + "clients other than browsers send Authorization: Bearer <token>")
        }
    }

    /// For the routes that sign a browser in or out (they set or clear the cookies): a
    /// request from another origin's page is refused, so that no page can sign its
    /// visitor in as someone else (login CSRF) or out. A request with neither header
    /// passes: that is curl or an app, signing itself in.
    func refuseForeignPage(_ request: Request) throws {
        guard !Self.safeMethods.contains(request.method), case .foreign(let page) = sender(of: request) else { return }
        throw APIError.crossOriginRefused(
            "refused: signing in or out from \(page) is not allowed; use this server's own sign-in page")
    }
}
