import Foundation
import Host
import Hummingbird

/// The cookies that carry a browser's session. Both are HttpOnly (page scripts cannot
/// read them). The access cookie is SameSite=Lax so a shared link opened from another
/// site still plays; the refresh cookie is Strict and sent only to /auth.
enum SessionCookies {
    static let accessName = "myspotify_access"
    static let refreshName = "myspotify_refresh"

    static func set(_ signIn: SignIn, on response: inout Response, secure: Bool, refreshLifetime: Duration) {
        response.setCookie(Cookie(
            name: accessName, value: signIn.accessToken, maxAge: signIn.expiresIn, path: "/", secure: secure, httpOnly: true,
            sameSite: .lax))
        response.setCookie(Cookie(
            name: refreshName, value: signIn.refreshToken, maxAge: Int(refreshLifetime.components.seconds), path: "/auth",
            secure: secure, httpOnly: true, sameSite: .strict))
    }

    static func clear(on response: inout Response, secure: Bool) {
        response.setCookie(Cookie(name: accessName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax))
        response.setCookie(Cookie(
            name: refreshName, value: "", maxAge: 0, path: "/auth", secure: secure, httpOnly: true, sameSite: .strict))
    }
}
