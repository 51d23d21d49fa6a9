import HTTPSupport
import Foundation
import Hummingbird
import NIOCore

/// Where a request came from and which address it was sent to, with forwarded headers
/// believed only when the proxy is trusted (`MYSPOTIFY_TRUST_PROXY`).
struct ClientOrigin {
    let settings: ServerSettings

    /// The client's address, for sign-in limits: X-Real-IP (set by Caddy from its
    /// trusted client address), else the last X-Forwarded-For hop, else the peer.
    func address(of request: Request, context: AppRequestContext) -> String {
        if settings.trustProxy {
            if let real = request.headers[.init("X-Real-IP")!], !real.isEmpty { return real }
            if let forwarded = request.headers[.init("X-Forwarded-For")!],
                let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
            {
                return last
            }
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The base URL people reach the server at (no trailing slash): the configured public
    /// URL, else the forwarded scheme and host when trusted, else the Host header.
    func baseURL(of request: Request) -> String {
        if let url = settings.publicURL?.absoluteString {
            return url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        return addressed(by: request)
    }

    /// The origins of this server's own pages, as a browser reports them in `Origin`: the
    /// public URL's, and the one this request was sent to (a phone on the LAN reaches
    /// the server by its address even when a public URL is set).
    func ownOrigins(of request: Request) -> [WebOrigin] {
        [settings.publicURL.flatMap { WebOrigin($0) }, WebOrigin(addressed(by: request))].compactMap(\.self)
    }

    /// `scheme://host[:port]` this request was sent to: the forwarded scheme and host when
    /// the proxy is trusted, else the Host header.
    private func addressed(by request: Request) -> String {
        var host = request.head.authority ?? "localhost"
        if settings.trustProxy {
            if let forwardedHost = request.headers[.init("X-Forwarded-Host")!]?.split(separator: ",").first {
                host = forwardedHost.trimmingCharacters(in: .whitespaces)
            }
        }
        return "\(scheme(of: request))://\(host)"
    }

    /// The scheme this request came in with: the server speaks plain HTTP, so it is https
    /// only when a trusted proxy says so.
    func scheme(of request: Request) -> String {
        guard settings.trustProxy, let proto = request.headers[.init("X-Forwarded-Proto")!]?.split(separator: ",").first else {
            return "http"
        }
        return proto.trimmingCharacters(in: .whitespaces).lowercased() == "https" ? "https" : "http"
    }

    /// Whether cookies should be Secure: this request came over https. (Not the public
    /// URL's scheme: a phone at home reaching the server over plain http on the LAN must
    /// still get cookies it can send back.)
    func isSecure(_ request: Request) -> Bool {
        scheme(of: request) == "https"
    }
}
