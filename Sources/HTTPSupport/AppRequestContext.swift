import Host
import Hummingbird
import NIOCore

/// The request context of every route: the signed-in user (set by `AuthMiddleware`) and
/// the peer's address (for sign-in limits).
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// The connection's event loop, for streamed bodies to keep in step with it (`PacedBodyWriter`).
    public let eventLoop: any EventLoop
    /// Set on every route behind `AuthMiddleware`.
    public var identity: Authenticated?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        eventLoop = source.channel.eventLoop
    }

    /// The signed-in user. Routes behind `AuthMiddleware` always have one; a route that
    /// forgot the middleware fails closed with 401.
    public var user: User {
        get throws {
            guard let identity else { throw AccountError.invalidCredentials("sign in first") }
            return identity.user
        }
    }

    /// The signed-in user with their session (for what must keep or end sessions).
    public var signedIn: Authenticated {
        get throws {
            guard let identity else { throw AccountError.invalidCredentials("sign in first") }
            return identity
        }
    }
}
