import HTTPSupport
import Host
import Hummingbird
import Logging
import ServiceLifecycle
import Subsonic

/// Builds the HTTP application around a host and its accounts.
public enum MySpotifyServer {
    /// The router with every route: public ones (health, sign-in, the web app), the rest
    /// behind `AuthMiddleware`, and the admin API behind `AdminMiddleware` too.
    public static func router(
        host: MusicHost, accounts: Accounts, settings: ServerSettings = ServerSettings(), logger: Logger = Logger(label: "http")
    ) -> Router<AppRequestContext> {
        let origin = ClientOrigin(settings: settings)
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: ContentSecurityMiddleware())
        let release = QuietMemoryRelease(idleDelay: settings.idleMemoryDelay, trim: settings.releaseFreeMemory) {
            host.releaseIdleMemory()
        }
        let inFlight = InFlightRequests(limit: settings.connections.maxRequestsPerAddress) { release.serverWentQuiet() }
        router.add(middleware: RequestLimitMiddleware(origin: origin, requests: inFlight))
        router.add(middleware: JSONErrorMiddleware())
        if let folder = settings.webDirectory {
            router.add(middleware: WebAppMiddleware(folder: folder, logger: logger))
        }
        SystemRoutes(host: host).addPublic(to: router)
        AuthRoutes(accounts: accounts, origin: origin).addPublic(to: router)
        if let google = settings.google {
            GoogleSignInRoutes(signIn: OpenIDSignIn(settings: google, accounts: accounts), accounts: accounts, origin: origin)
                .addPublic(to: router)
        }

        // The phone and desktop apps' API: its own sign-in on every request (credentials in
        // the parameters, never the session cookie) and its own error envelopes.
        SubsonicAPI(host: host, accounts: accounts, serverVersion: MySpotifyVersion.current, logger: logger)
            .add(to: router) { request, context in origin.address(of: request, context: context) }

        let signedIn = router.group().add(middleware: AuthMiddleware(accounts: accounts, sameOrigin: SameOriginPolicy(origin: origin)))
        AuthRoutes(accounts: accounts, origin: origin).add(to: signedIn)
        AppCredentialRoutes(accounts: accounts, origin: origin).add(to: signedIn)
        LibraryRoutes(host: host, origin: origin).add(to: signedIn)
        CoverRoutes(host: host).add(to: signedIn)
        StreamRoutes(host: host).add(to: signedIn)
        SystemRoutes(host: host).add(to: signedIn)
        PlaylistRoutes(host: host, origin: origin).add(to: signedIn)
        PersonalRoutes(host: host).add(to: signedIn)
        LyricsRoutes(host: host).add(to: signedIn)
        PlayQueueRoutes(host: host).add(to: signedIn)

        let admin = signedIn.group().add(middleware: AdminMiddleware())
        AdminRoutes(host: host, accounts: accounts).add(to: admin)
        return router
    }

    /// The application: the router behind Hummingbird's HTTP/1.1 server, with the
    /// connection limits and timeouts of `settings.connections` (`GuardedHTTP1Channel`).
    public static func application(
        host: MusicHost, accounts: Accounts, settings: ServerSettings = ServerSettings(), hostname: String, port: Int,
        logger: Logger, services: [any Service] = []
    ) -> some ApplicationProtocol {
        Application(
            router: router(host: host, accounts: accounts, settings: settings, logger: logger),
            // Behind a trusted proxy every connection comes from the proxy: the limit per
            // visitor is then the request-level one (RequestLimitMiddleware).
            server: .guardedHTTP1(limits: settings.connections, perAddress: !settings.trustProxy, logger: logger),
            configuration: .init(address: .hostname(hostname, port: port), serverName: "MySpotify"),
            services: services,
            logger: logger)
    }
}

/// Keeps the library current (scan at start, file watching, periodic rescans) and resumes
/// offline playlists, for as long as the server runs, and stops with it.
public struct LibraryUpkeepService: Service {
    let host: MusicHost

    public init(host: MusicHost) { self.host = host }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await host.keepLibraryCurrent()
        }
        // With nothing to watch and no periodic rescan the work above ends at once; a
        // service that returns early stops the whole server, so wait for the shutdown.
        try? await gracefulShutdown()
        await host.shutdown()
    }
}
