import HTTPSupport
import Host
import Hummingbird

/// `/api/me/subsonic`: what the signed-in user types into a phone or desktop app (the
/// Subsonic API): the server's address, the user name, and the app password and API key.
/// `POST` makes them (or new ones in place of the old, which stop at once), `DELETE`
/// removes them. Each user's own only; the answers are never cached.
struct AppCredentialRoutes {
    let accounts: Accounts
    let origin: ClientOrigin

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/me/subsonic") { request, context in
            JSONResponse(AppCredentialsPayload(try await accounts.apps.credentials(of: try context.user), serverURL: origin.baseURL(of: request)))
        }
        group.post("/api/me/subsonic") { request, context in
            JSONResponse(AppCredentialsPayload(try await accounts.apps.rotate(for: try context.user), serverURL: origin.baseURL(of: request)))
        }
        group.delete("/api/me/subsonic") { _, context in
            try await accounts.apps.revoke(for: try context.user)
            return Response(status: .noContent)
        }
    }
}

/// `{"username", "server_url", "app_password"?, "api_key"?}`; the last two are absent until made.
struct AppCredentialsPayload: Encodable {
    var username: String
    var serverURL: String
    var appPassword: String?
    var apiKey: String?

    enum CodingKeys: String, CodingKey {
        case username, serverURL = "server_url", appPassword = "app_password", apiKey = "api_key"
    }

    init(_ credentials: AppCredentials, serverURL: String) {
        username = credentials.username
        self.serverURL = serverURL
        appPassword = credentials.appPassword
        apiKey = credentials.apiKey
    }
}
