import Foundation

/// A web origin (RFC 6454): scheme, host and port, the unit browsers isolate pages by.
/// Two spellings of one origin compare equal: the host is compared without case and a
/// missing port is the scheme's default (`http://Example.org` is `http://example.org:80`).
struct WebOrigin: Hashable, CustomStringConvertible {
    let scheme: String
    let host: String
    let port: Int

    /// Parses an `Origin` header or any http(s) URL (its path is ignored); nil for anything
    /// else, `null` (what a browser sends for a sandboxed or opaque page) included.
    init?(_ text: String) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(components)
    }

    init?(_ url: URL) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        self.init(components)
    }

    private init?(_ components: URLComponents) {
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host?.lowercased(), !host.isEmpty,
            components.user == nil, components.password == nil
        else { return nil }
        self.scheme = scheme
        self.host = host
        port = components.port ?? (scheme == "https" ? 443 : 80)
    }

    var description: String { "\(scheme)://\(host):\(port)" }
}
