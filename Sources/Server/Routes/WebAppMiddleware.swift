import HTTPSupport
import HTTPTypes
import Hummingbird
import Logging

/// Serves the web app's files (`Web/`) at `/`, and its `index.html` for the app's own
/// paths (`/admin`, `/playlists/ID`...), which have no file of their own. API, auth and
/// stream paths skip the file system entirely: they are the hot paths.
struct WebAppMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let files: FileMiddleware<AppRequestContext, LocalFileSystem>

    static let serverPrefixes = ["/api/", "/auth/", "/stream/", "/system/", "/healthz", "/rest/"]

    init(folder: String, logger: Logger) {
        // no-cache: the browser revalidates (ETag) each time, so an upgrade is seen at
        // once; the service worker keeps the shell for offline use.
        files = FileMiddleware(folder, cacheControl: .init([(MediaType(type: .any), [.noCache])]), searchForIndexHtml: true, logger: logger)
    }

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head,
            !Self.serverPrefixes.contains(where: { path.hasPrefix($0) })
        else { return try await next(request, context) }
        let lastSegment = path.split(separator: "/").last ?? ""
        var response: Response
        if !lastSegment.contains(".") && path != "/" {
            // An app route: answer with the app's page, which routes on the client.
            var head = request.head
            head.path = "/index.html"
            response = try await files.handle(Request(head: head, body: request.body), context: context, next: next)
        } else {
            response = try await files.handle(request, context: context, next: next)
        }
        for (name, value) in Self.securityHeaders { response.headers[name] = value }
        return response
    }

    /// The page runs only its own scripts and styles (no inline code, nothing from other
    /// sites), so an injected string can never run; covers may come from the remote
    /// sources' image hosts, and the API and streams from another server address (the
    /// settings' base URL). It cannot be framed by another site.
    static let securityHeaders: [(HTTPField.Name, String)] = [
        (
            HTTPField.Name("Content-Security-Policy")!,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data: blob:; "
                + "media-src 'self' http: https: blob:; connect-src 'self' http: https:; worker-src 'self'; "
                + "manifest-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        ),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
    ]
}
