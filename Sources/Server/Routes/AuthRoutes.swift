import Foundation
import HTTPSupport
import Host
import Hummingbird

/// Sign-up, sign-in (the OAuth2 password and refresh grants), sign-out, `/api/me` and the
/// user's own password change. The routes that set or clear the session cookies refuse
/// other sites' pages first (login CSRF), before anything is read or changed.
struct AuthRoutes {
    let accounts: Accounts
    let origin: ClientOrigin
    var sameOrigin: SameOriginPolicy { SameOriginPolicy(origin: origin) }

    func addPublic(to router: Router<AppRequestContext>) {
        router.get("/auth/config") { _, _ in
            let firstAccount = try await accounts.awaitsFirstAccount()
            return JSONResponse(AuthConfig(
                registration: accounts.settings.registration.rawValue, google: origin.settings.google != nil, firstAccount: firstAccount))
        }
        router.post("/auth/register") { request, context in
            try sameOrigin.refuseForeignPage(request)
            let body = try await request.json(Credentials.self)
            let signIn = try await accounts.register(
                email: body.email, password: body.password, address: origin.address(of: request, context: context))
            return try signedIn(signIn, request: request, context: context, status: .created)
        }
        router.post("/auth/token") { request, context in
            do {
                try sameOrigin.refuseForeignPage(request)
                return try await token(request, context: context)
            } catch {
                return OAuthErrorAnswer(error).response
            }
        }
        router.post("/auth/logout") { request, _ in
            try sameOrigin.refuseForeignPage(request)
            return try await logout(request)
        }
    }

    func add(to group: RouterGroup<AppRequestContext>) {
        group.get("/api/me") { _, context in JSONResponse(UserPayload(try context.user)) }
        group.post("/api/me/password") { request, context in
            let body = try await request.json(PasswordChange.self)
            try await accounts.changePassword(
                of: try context.signedIn, current: body.currentPassword, new: body.newPassword,
                address: origin.address(of: request, context: context))
            return Response(status: .noContent)
        }
    }

    /// RFC 6749 §4.3 (password) and §6 (refresh; the token may come from the cookie).
    private func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.form(TokenForm.self)
        switch form.grantType {
        case "password":
            guard let username = form.username, let password = form.password else {
                throw APIError.badRequest("the password grant needs username and password")
            }
            let signIn = try await accounts.signIn(
                email: username, password: password, address: origin.address(of: request, context: context))
            return try signedIn(signIn, request: request, context: context)
        case "refresh_token":
            guard let refreshToken = form.refreshToken ?? request.cookies[SessionCookies.refreshName]?.value,
                !refreshToken.isEmpty
            else { throw APIError.badRequest("the refresh_token grant needs refresh_token") }
            return try signedIn(try await accounts.refresh(refreshToken: refreshToken), request: request, context: context)
        default:
            throw OAuthErrorAnswer.unsupportedGrant(form.grantType)
        }
    }

    private func logout(_ request: Request) async throws -> Response {
        // An empty or absent body is fine: the session may come from the token or cookie.
        let form = try await request.optionalForm(LogoutForm.self)
        if let token = AuthMiddleware.accessToken(in: request), let identity = try? await accounts.authenticate(accessToken: token) {
            try await accounts.signOut(sessionID: identity.sessionID)
        }
        if let refresh = form?.refreshToken ?? request.cookies[SessionCookies.refreshName]?.value, !refresh.isEmpty {
            try await accounts.signOut(refreshToken: refresh)
        }
        var response = Response(status: .noContent)
        SessionCookies.clear(on: &response, secure: origin.isSecure(request))
        return response
    }

    /// The token answer, with the session cookies for browsers.
    func signedIn(_ signIn: SignIn, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try JSONResponse(TokenAnswer(signIn), status: status).response(from: request, context: context)
        SessionCookies.set(
            signIn, on: &response, secure: origin.isSecure(request), refreshLifetime: accounts.settings.refreshTokenLifetime)
        return response
    }
}

struct Credentials: Decodable {
    var email: String
    var password: String
}

/// `POST /api/me/password`'s body.
struct PasswordChange: Decodable {
    var currentPassword: String
    var newPassword: String

    enum CodingKeys: String, CodingKey { case currentPassword = "current_password", newPassword = "new_password" }
}

struct TokenForm: Decodable {
    var grantType: String
    var username: String?
    var password: String?
    var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case grantType = "grant_type", username, password, refreshToken = "refresh_token"
    }
}

/// `POST /auth/logout`'s optional form: the refresh token to revoke.
struct LogoutForm: Decodable {
    var refreshToken: String?

    enum CodingKeys: String, CodingKey { case refreshToken = "refresh_token" }
}

struct AuthConfig: Encodable {
    var registration: String
    var google: Bool
    /// No account exists yet: the next one made becomes the administrator.
    var firstAccount: Bool

    enum CodingKeys: String, CodingKey {
        case registration, google, firstAccount = "first_account"
    }
}

struct TokenAnswer: Encodable {
    var accessToken: String
    var tokenType = "bearer"
    var expiresIn: Int
    var refreshToken: String
    var user: UserPayload

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in", refreshToken = "refresh_token", user
    }

    init(_ signIn: SignIn) {
        accessToken = signIn.accessToken
        expiresIn = signIn.expiresIn
        refreshToken = signIn.refreshToken
        user = UserPayload(signIn.user)
    }
}

struct UserPayload: Encodable {
    var id: String
    var email: String
    var role: String
    var disabled: Bool
    var createdAt: Date
    var hasPassword: Bool
    var googleLinked: Bool
    /// Admin answers only, and only while the account is locked.
    var lockout: LockoutPayload?

    enum CodingKeys: String, CodingKey {
        case id, email, role, disabled, createdAt = "created_at", hasPassword = "has_password", googleLinked = "google_linked"
        case lockout
    }

    init(_ user: User, lockout: AccountLockout? = nil) {
        self.lockout = lockout.map(LockoutPayload.init)
        id = user.id
        email = user.email
        role = user.role.rawValue
        disabled = user.disabled
        createdAt = user.createdAt
        hasPassword = user.hasPassword
        googleLinked = user.googleLinked
    }
}

/// An account's sign-in locks, for the admin: until when, whether from everywhere, and
/// which addresses are locked out.
struct LockoutPayload: Encodable {
    var until: Date
    var everywhere: Bool
    var addresses: [String]

    init(_ lockout: AccountLockout) {
        until = lockout.until
        everywhere = lockout.everywhere
        addresses = lockout.addresses
    }
}
